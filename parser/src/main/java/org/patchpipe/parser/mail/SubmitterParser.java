package org.patchpipe.parser.mail;

import java.util.Locale;
import java.util.Optional;
import org.patchpipe.parser.Submitter;

/**
 * Patchwork's From rules (R3): {@code split_from_header}'s four patterns, the address validator,
 * and the DMARC "via" un-mangling of mail the list rewrote to its own address (R3.3).
 *
 * <pre>{@code
 * Submitter s = SubmitterParser.split("\"Doe, John\" <j@x.com>"); // ("Doe, John", "j@x.com")
 * }</pre>
 *
 * <p>Stateless.
 */
public final class SubmitterParser {
  private static final int MAX = 255;
  private SubmitterParser() {}

  /**
   * {@code split_from_header}: name (may be null) and email, unstripped. Patchwork's four regexes
   * are matched in order:
   *
   * <ol>
   *   <li>{@code "?(.*?)"?\s*<([^>]+)>}: name, email
   *   <li>{@code (.*?)\sat\s(.*?)\s*\(([^\)]+)\)}: g3, g1@g2
   *   <li>{@code "?(.*?)"?\s*\(([^\)]+)\)}: g2, g1
   *   <li>{@code (.*)}: null, everything
   * </ol>
   *
   * <p>written as linear scans: the regexes backtrack quadratically or worse on hostile From
   * headers ({@code a at a at ...}), and the lazy groups always take the leftmost match.
   */
  public static Submitter split(String from) {
    int n = from.length();
    // close[k]: for a '<' or '(' at k, the end of a non-empty bracketed run, else -1.
    int[] angle = bracketEnds(from, '<', '>');
    int[] paren = bracketEnds(from, '(', ')');
    int start = n > 0 && from.charAt(0) == '"' ? 1 : 0;
    for (int e = start; e <= n; e++) {
      int k = bracketAfter(from, e, angle);
      if (k >= 0) {
        return new Submitter(from.substring(start, e), from.substring(k + 1, angle[k]));
      }
    }
    int[] nextParen = nextBracket(from, paren);
    for (int i = 0; i + 3 < n; i++) {
      if (PythonText.isSpace(from.charAt(i))
          && from.charAt(i + 1) == 'a'
          && from.charAt(i + 2) == 't'
          && PythonText.isSpace(from.charAt(i + 3))) {
        int j = i + 4 <= n ? nextParen[i + 4] : -1;
        if (j >= 0) {
          int k = skipSpace(from, j);
          return new Submitter(from.substring(k + 1, paren[k]), from.substring(0, i) + "@" + from.substring(i + 4, j));
        }
      }
    }
    for (int e = start; e <= n; e++) {
      int k = bracketAfter(from, e, paren);
      if (k >= 0) {
        return new Submitter(from.substring(k + 1, paren[k]), from.substring(start, e));
      }
    }
    int nl = from.indexOf('\n');
    return new Submitter(null, nl < 0 ? from : from.substring(0, nl));
  }

  /** For {@code "?\s*OPEN} at {@code e}: the index of OPEN if a bracketed run follows, else -1. */
  private static int bracketAfter(String s, int e, int[] ends) {
    int p = e;
    if (p < s.length() && s.charAt(p) == '"') {
      int k = skipSpace(s, p + 1);
      if (k < s.length() && ends[k] >= 0) {
        return k;
      }
    }
    int k = skipSpace(s, p);
    return k < s.length() && ends[k] >= 0 ? k : -1;
  }

  private static int skipSpace(String s, int p) {
    while (p < s.length() && PythonText.isSpace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** ends[k] = index of the closing char for an opening char at k with a non-empty inside, else -1. */
  private static int[] bracketEnds(String s, char open, char close) {
    int n = s.length();
    int[] ends = new int[n];
    int nextClose = -1;
    for (int k = n - 1; k >= 0; k--) {
      char c = s.charAt(k);
      ends[k] = c == open && nextClose > k + 1 ? nextClose : -1;
      if (c == close) {
        nextClose = k;
      }
      if (c == '\n') {
        nextClose = -1;
      }
    }
    return ends;
  }

  /** next[j] = the smallest j' >= j from which {@code \s*(...)} matches, else -1. */
  private static int[] nextBracket(String s, int[] ends) {
    int n = s.length();
    int[] next = new int[n + 1];
    next[n] = -1;
    int firstNonSpace = n;
    for (int j = n - 1; j >= 0; j--) {
      if (!PythonText.isSpace(s.charAt(j))) {
        firstNonSpace = j;
      }
      boolean here = firstNonSpace < n && ends[firstNonSpace] >= 0;
      next[j] = here ? j : next[j + 1];
    }
    return next;
  }

  /**
   * R3.1 on a cleaned From value: the stripped and truncated (name, email), or empty where the
   * address fails Patchwork's validator.
   */
  public static Optional<Submitter> parse(String cleanedFrom) {
    if (cleanedFrom == null || cleanedFrom.isEmpty()) {
      return Optional.empty();
    }
    Submitter raw = split(cleanedFrom);
    if (raw.email() == null || !EmailValidator.valid(raw.email())) {
      return Optional.empty();
    }
    return Optional.of(tidy(raw));
  }

  private static Submitter tidy(Submitter s) {
    String email = s.email() == null ? null : PythonText.truncate(PythonText.strip(s.email()), MAX);
    String name = s.name() == null ? null : PythonText.truncate(PythonText.strip(s.name()), MAX);
    return new Submitter(name, email);
  }

  /**
   * R3.3: the original sender of a mail the list rewrote to {@code listEmail}; {@code parsed}
   * unchanged where its address is not the list's.
   */
  public static Submitter unmangle(Submitter parsed, String listEmail, MailHeaders headers) {
    if (listEmail == null || !parsed.email().toLowerCase(Locale.ROOT).equals(listEmail.toLowerCase(Locale.ROOT))) {
      return parsed;
    }
    String name = parsed.name();
    String stripped = null;
    if (name != null) {
      int via = name.lastIndexOf(" via ");
      if (via >= 0) {
        stripped = stripQuotes(PythonText.strip(name.substring(0, via)));
      } else if (name.endsWith(" via")) {
        stripped = stripQuotes(PythonText.strip(name.substring(0, name.length() - 4)));
      }
    }
    Optional<String> originalFrom = HeaderCleaner.clean(headers.get("X-Original-From"));
    if (originalFrom.isPresent() && !originalFrom.get().isEmpty()) {
      // Patchwork crashes on an invalid X-Original-From; we fall through to Reply-To/Cc instead.
      Submitter original = split(originalFrom.get());
      if (original.email() != null && EmailValidator.valid(original.email())) {
        return new Submitter(stripped, PythonText.truncate(PythonText.strip(original.email()), MAX));
      }
    }
    if (name != null) {
      for (String header : new String[] {"Reply-To", "Cc"}) {
        for (MailHeader h : headers.getAll(header)) {
          Optional<String> v = HeaderCleaner.clean(h.value());
          if (v.isEmpty()) {
            continue;
          }
          for (String addr : v.get().split(",", -1)) {
            Submitter piece = tidy(split(addr));
            if (java.util.Objects.equals(piece.name(), stripped)) {
              return new Submitter(stripped, piece.email());
            }
          }
        }
      }
    }
    return parsed;
  }

  private static String stripQuotes(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == '\'') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == '\'') {
      b--;
    }
    return s.substring(a, b);
  }
}
