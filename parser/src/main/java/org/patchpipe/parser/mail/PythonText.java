package org.patchpipe.parser.mail;

/**
 * Python's notion of whitespace and line breaks (R0.2), which differs from Java's: {@code strip()}
 * removes U+0085, U+00A0, U+2007 and U+202F too, and {@code splitlines()} breaks at more than CR
 * and LF. Every place where Patchwork calls {@code strip}, {@code \s} or {@code isspace} uses these.
 */
public final class PythonText {
  /**
   * The characters of W for use inside a Java regex character class: {@code "[" + W + "]"} is
   * Python's {@code \\s}.
   */
  public static final String W =
      "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

  private PythonText() {}

  /** Whether {@code c} is in Python's whitespace set W. */
  public static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** Python's {@code str.isspace()}: non-empty and all whitespace. */
  public static boolean isAllSpace(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Python's {@code str.strip()}. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** Python's {@code str.lstrip()}. */
  public static String lstrip(String s) {
    int start = 0;
    while (start < s.length() && isSpace(s.charAt(start))) {
      start++;
    }
    return start == 0 ? s : s.substring(start);
  }

  /** Python's {@code str.rstrip()}. */
  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  /** Patchwork's {@code normalise_space}: every run of W becomes one space, then strip. */
  public static String collapse(String s) {
    int n = s.length();
    boolean clean = true;
    for (int i = 0; i < n && clean; i++) {
      char c = s.charAt(i);
      if (isSpace(c) && (c != ' ' || i == 0 || i == n - 1 || isSpace(s.charAt(i + 1)))) {
        clean = false;
      }
    }
    if (clean) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n);
    boolean pending = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        pending = sb.length() > 0;
      } else {
        if (pending) {
          sb.append(' ');
          pending = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Whether {@code c} ends a line for Python's {@code str.splitlines()} (CR LF handled by callers). */
  public static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == 0x0B
        || c == 0x0C
        || (c >= 0x1C && c <= 0x1E)
        || c == 0x85
        || c == 0x2028
        || c == 0x2029;
  }

  /** Python's {@code str.splitlines()} without the line ends. */
  public static java.util.List<String> splitLines(String s) {
    int first = 0;
    while (first < s.length() && !isLineBreak(s.charAt(first))) {
      first++;
    }
    if (first == s.length()) {
      return s.isEmpty() ? java.util.List.of() : java.util.List.of(s);
    }
    java.util.List<String> lines = new java.util.ArrayList<>();
    int start = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isLineBreak(c)) {
        lines.add(s.substring(start, i));
        if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
      i++;
    }
    if (start < n) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /** Python's {@code s[:n]}: the first {@code n} code points. */
  public static String truncate(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int cps = s.codePointCount(0, s.length());
    if (cps <= n) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, n));
  }

  /** Removes every U+0000. */
  public static String removeNul(String s) {
    return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
  }
}
