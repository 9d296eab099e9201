package org.patchpipe.parser.mail;

/**
 * One header line as received (R0.1): the name as spelled and the raw value (text after the first
 * colon, leading spaces and tabs removed, continuation lines appended with their line breaks,
 * trailing CR/LF removed). Bytes >= 0x80 are carried as the lone surrogates U+DC80..U+DCFF, as
 * Python's {@code surrogateescape} does, so such a value is "8-bit" (pseudo-charset
 * {@code unknown-8bit}) and its bytes can be recovered exactly.
 */
public record MailHeader(String name, String value) {
  /** Whether the raw value holds bytes >= 0x80. */
  public boolean eightBit() {
    return hasSurrogates(value);
  }

  /**
   * The value as Python's {@code str()} of the compat32 header gives it: each byte >= 0x80 becomes
   * U+FFFD.
   */
  public String text() {
    return replaceSurrogates(value);
  }

  /** Whether {@code s} carries escaped bytes. */
  public static boolean hasSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} with every escaped byte replaced by U+FFFD. */
  public static String replaceSurrogates(String s) {
    if (!hasSurrogates(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
    }
    return sb.toString();
  }
}
