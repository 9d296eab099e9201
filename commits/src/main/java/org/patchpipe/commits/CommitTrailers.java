package org.patchpipe.commits;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-IDs a commit message names in its trailers: {@code Message-Id: <id>} and
 * {@code Link:} URLs whose last path segment is a Message-ID, as lore and b4 write them
 * ({@code https://lore.kernel.org/r/<id>}, {@code https://lore.kernel.org/LIST/<id>/},
 * {@code https://patch.msgid.link/<id>}), percent-decoded.
 *
 * <pre>{@code
 * List<String> msgids = CommitTrailers.messageIds(commit.message()); // ["<20240101.1-x@y>"]
 * }</pre>
 *
 * <p>Stateless and thread-safe; never throws: a malformed trailer is skipped.
 */
public final class CommitTrailers {
  private static final Pattern MESSAGE_ID =
      Pattern.compile("^\\s*Message-Id:\\s*<?([^<>\\s]+@[^<>\\s]+?)>?\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINK =
      Pattern.compile("^\\s*Link:\\s*<?(https?://\\S+?)>?\\s*$", Pattern.CASE_INSENSITIVE);

  private CommitTrailers() {}

  /** Every Message-ID named, in order of appearance, each once, with angle brackets. */
  public static List<String> messageIds(String message) {
    Set<String> found = new LinkedHashSet<>();
    for (String line : message.split("\n")) {
      Matcher id = MESSAGE_ID.matcher(line);
      if (id.matches()) {
        found.add("<" + id.group(1) + ">");
        continue;
      }
      Matcher link = LINK.matcher(line);
      if (link.matches()) {
        String msgid = fromUrl(link.group(1));
        if (msgid != null) {
          found.add("<" + msgid + ">");
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * The Message-ID a trailer value names: {@code <id>}, a bare {@code id@host}, or a lore-style URL;
   * with angle brackets, or null.
   */
  static String messageIdOf(String value) {
    String v = value.strip();
    if (v.startsWith("<") && v.endsWith(">") && !v.startsWith("<http")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.startsWith("<") && v.endsWith(">")) {
      v = v.substring(1, v.length() - 1);
    }
    String msgid = v.matches("(?i)https?://\\S+") ? fromUrl(v) : v;
    return msgid != null && msgid.matches("[^<>\\s]+@[^<>\\s]+") ? "<" + msgid + ">" : null;
  }

  /** The Message-ID a lore-style URL names: its last path segment holding an {@code @}. */
  private static String fromUrl(String url) {
    String path = url.replaceFirst("^https?://[^/]+", "");
    int cut = indexOfAny(path, '?', '#');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    String[] segments = path.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      String segment = segments[i];
      if (segment.isEmpty() || isLoreSuffix(segment)) {
        continue;
      }
      String decoded = decode(segment);
      return decoded != null && decoded.indexOf('@') > 0 && !decoded.contains(" ") ? decoded : null;
    }
    return null;
  }

  /** lore's views after the Message-ID: {@code /T/}, {@code /raw}, {@code /t.mbox.gz} and kin. */
  private static boolean isLoreSuffix(String segment) {
    String s = segment.toLowerCase(Locale.ROOT);
    return s.equals("t") || s.equals("raw") || s.equals("t.mbox.gz") || s.equals("t.atom")
        || s.equals("#r");
  }

  private static String decode(String segment) {
    try {
      // '+' is literal in a Message-ID; only %XX escapes are decoded.
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
