package org.patchpipe.parser.mail;

/**
 * Patchwork's From address check (R3.1), written out by hand so that hostile input cannot make it
 * backtrack: a local part of word characters and {@code !#$%&"*+/=?^`{|}~-} in dot-separated
 * runs, {@code @}, then at least two dot-separated ASCII labels (letters, digits, inner hyphens).
 */
final class EmailValidator {
  private static final String LOCAL_EXTRA = "!#$%&\"*+/=?^`{|}~-";

  private EmailValidator() {}

  static boolean valid(String email) {
    int at = email.indexOf('@');
    if (at <= 0) {
      return false;
    }
    if (!localPart(email, 0, at)) {
      return false;
    }
    int labels = 0;
    int start = at + 1;
    int n = email.length();
    while (true) {
      int dot = email.indexOf('.', start);
      int end = dot < 0 ? n : dot;
      if (!label(email, start, end)) {
        return false;
      }
      labels++;
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return labels >= 2;
  }

  private static boolean localPart(String s, int from, int to) {
    boolean needChar = true;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (needChar) {
          return false;
        }
        needChar = true;
      } else if (isWord(s, i) || LOCAL_EXTRA.indexOf(c) >= 0) {
        if (Character.isHighSurrogate(c) && i + 1 < to) {
          i++;
        }
        needChar = false;
      } else {
        return false;
      }
    }
    return !needChar;
  }

  /** Python's {@code \w}: a letter or number (by code point) or underscore. */
  private static boolean isWord(String s, int i) {
    int cp = s.codePointAt(i);
    return cp == '_' || Character.isLetter(cp) || isNumeric(cp);
  }

  private static boolean isNumeric(int cp) {
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  private static boolean label(String s, int from, int to) {
    if (to <= from) {
      return false;
    }
    if (!asciiAlnum(s.charAt(from)) || !asciiAlnum(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!asciiAlnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
