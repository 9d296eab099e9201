package org.patchpipe.parser.mail;

import static org.patchpipe.parser.mail.PythonText.W;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final int FLAGS = Pattern.UNIX_LINES;
  private static final Pattern ANGLE = Pattern.compile("\"?(.*?)\"?[" + W + "]*<([^>]+)>", FLAGS);
  private static final Pattern AT =
      Pattern.compile("(.*?)[" + W + "]at[" + W + "](.*?)[" + W + "]*\\(([^\\)]+)\\)", FLAGS);
  private static final Pattern COMMENT =
      Pattern.compile("\"?(.*?)\"?[" + W + "]*\\(([^\\)]+)\\)", FLAGS);
  private static final Pattern ALL = Pattern.compile("(.*)", FLAGS);

  private SubmitterParser() {}

  /** {@code split_from_header}: name (may be null) and email, unstripped. */
  public static Submitter split(String from) {
    Matcher m = ANGLE.matcher(from);
    if (m.lookingAt()) {
      return new Submitter(m.group(1), m.group(2));
    }
    m = AT.matcher(from);
    if (m.lookingAt()) {
      return new Submitter(m.group(3), m.group(1) + "@" + m.group(2));
    }
    m = COMMENT.matcher(from);
    if (m.lookingAt()) {
      return new Submitter(m.group(2), m.group(1));
    }
    m = ALL.matcher(from);
    m.lookingAt();
    return new Submitter(null, m.group(1));
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
