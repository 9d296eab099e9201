package org.patchpipe.parser.mail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The few CPython {@code str} operations (R0.2) that the date parser and the header encoder must
 * copy exactly: the whitespace set of {@code str.split()}/{@code strip()}, {@code splitlines()},
 * {@code isdigit()} and {@code int()}. Java's own versions differ on U+0085, U+00A0, U+2007,
 * U+202F, the file/group/record separators and Unicode digits. Stateless.
 */
final class CPythonText {
  private CPythonText() {}

  /** Python {@code str.isspace()} for one code point: the R0.2 set W. */
  static boolean isSpace(int c) {
    if (c < 0x80) {
      return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** True for the separators {@code str.splitlines()} breaks at (CRLF counts as one). */
  static boolean isLineBreak(char c) {
    if (c <= 0x1E) {
      return (c >= 0x0A && c <= 0x0D) || c >= 0x1C;
    }
    return c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /** Python {@code str.split()} without arguments: runs of W separate, no empty tokens. */
  static List<String> split(String s) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(s.substring(start, i));
      }
    }
    return tokens;
  }

  /** Python {@code str.splitlines()} without keepends. */
  static List<String> splitLines(String s) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isLineBreak(c)) {
        lines.add(s.substring(start, i));
        if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /** Python {@code str.lstrip()}. */
  static String lstrip(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  /**
   * Python {@code str.isdigit()} for one code point: decimal digits and the other digit
   * characters (superscripts, circled digits), which {@code int()} nevertheless rejects.
   */
  static boolean isDigit(int c) {
    if (Character.isDigit(c)) {
      return true;
    }
    if (Character.getType(c) == Character.OTHER_NUMBER) {
      int v = Character.getNumericValue(c);
      return v >= 0 && v <= 9;
    }
    return false;
  }

  /**
   * Python {@code int(s)} in base 10: optional surrounding whitespace and sign, Unicode decimal
   * digits, single underscores between digits. Null where Python raises {@code ValueError}.
   */
  static BigInteger parseInt(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    boolean negative = false;
    if (start < end && (s.charAt(start) == '+' || s.charAt(start) == '-')) {
      negative = s.charAt(start) == '-';
      start++;
    }
    if (start >= end) {
      return null;
    }
    StringBuilder digits = new StringBuilder(end - start);
    boolean lastWasDigit = false;
    for (int i = start; i < end; ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '_') {
        if (!lastWasDigit || i >= end) {
          return null;
        }
        lastWasDigit = false;
        continue;
      }
      int d = Character.isDigit(c) ? Character.digit(c, 10) : -1;
      if (d < 0) {
        return null;
      }
      digits.append((char) ('0' + d));
      lastWasDigit = true;
    }
    if (!lastWasDigit) {
      return null;
    }
    BigInteger value = new BigInteger(digits.toString());
    return negative ? value.negate() : value;
  }
}
