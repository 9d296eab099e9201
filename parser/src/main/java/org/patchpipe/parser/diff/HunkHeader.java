package org.patchpipe.parser.diff;

import java.math.BigInteger;

/**
 * Matches Patchwork's hunk header {@code ^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@} (a prefix
 * match; {@code \d} is any Unicode decimal digit) without a regex. A missing count means 1.
 */
final class HunkHeader {
  private HunkHeader() {}

  /** {old, new} line counts of the hunk header at {@code s[start, end)}, or null; saturating. */
  static int[] counts(String s, int start, int end) {
    String[] groups = groups(s, start, end);
    if (groups == null) {
      return null;
    }
    return new int[] {toInt(groups[0]), toInt(groups[1])};
  }

  /** The two count groups as Python's {@code int()} prints them, or null where no match. */
  static String[] canonicalCounts(String s, int start, int end) {
    String[] groups = groups(s, start, end);
    if (groups == null) {
      return null;
    }
    return new String[] {canonical(groups[0]), canonical(groups[1])};
  }

  private static String[] groups(String s, int start, int end) {
    if (end - start < 11 || !s.startsWith("@@ -", start)) {
      return null;
    }
    int p = digits(s, start + 4, end);
    if (p < 0) {
      return null;
    }
    String oldCount = null;
    if (p < end && s.charAt(p) == ',') {
      int q = digits(s, p + 1, end);
      if (q > 0) {
        oldCount = s.substring(p + 1, q);
        p = q;
      }
    }
    if (p + 1 >= end || s.charAt(p) != ' ' || s.charAt(p + 1) != '+') {
      return null;
    }
    p = digits(s, p + 2, end);
    if (p < 0) {
      return null;
    }
    String newCount = null;
    if (p < end && s.charAt(p) == ',') {
      int q = digits(s, p + 1, end);
      if (q > 0) {
        newCount = s.substring(p + 1, q);
        p = q;
      }
    }
    if (!s.startsWith(" @@", p) || p + 3 > end) {
      return null;
    }
    return new String[] {oldCount, newCount};
  }

  /** End of a run of at least one decimal digit at {@code p}, or -1. */
  private static int digits(String s, int p, int end) {
    int q = p;
    while (q < end && Character.isDigit(s.charAt(q))) {
      q++;
    }
    return q > p ? q : -1;
  }

  private static int toInt(String digits) {
    if (digits == null) {
      return 1;
    }
    BigInteger v = value(digits);
    return v.bitLength() < 31 ? v.intValue() : Integer.MAX_VALUE;
  }

  private static String canonical(String digits) {
    return digits == null ? "1" : value(digits).toString();
  }

  private static BigInteger value(String digits) {
    if (digits.length() < 10) {
      int v = 0;
      for (int i = 0; i < digits.length(); i++) {
        v = v * 10 + Character.digit(digits.charAt(i), 10);
      }
      return BigInteger.valueOf(v);
    }
    StringBuilder ascii = new StringBuilder(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      ascii.append((char) ('0' + Character.digit(digits.charAt(i), 10)));
    }
    return new BigInteger(ascii.toString());
  }
}
