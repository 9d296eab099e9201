package org.patchpipe.parser.mail;

import java.util.Base64;

/**
 * RFC 2047 encoded words as CPython writes them in headers: {@code email.quoprimime.header_encode}
 * (Q: letters, digits and {@code -!*+/} kept, space as {@code _}, everything else {@code =XX}) and
 * {@code email.base64mime.header_encode} (B), with their {@code header_length}. Stateless.
 */
final class EncodedWord {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final boolean[] Q_SAFE = new boolean[256];

  static {
    for (char c : "-!*+/".toCharArray()) {
      Q_SAFE[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      Q_SAFE[c] = true;
      Q_SAFE[c - 'a' + 'A'] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      Q_SAFE[c] = true;
    }
  }

  private EncodedWord() {}

  /** Length of one byte in Q encoding: 1 for kept characters and space, 3 for {@code =XX}. */
  static int qpLength(byte b) {
    int c = b & 0xFF;
    return Q_SAFE[c] || c == ' ' ? 1 : 3;
  }

  static int qpLength(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      n += qpLength(b);
    }
    return n;
  }

  static int base64Length(int byteCount) {
    return (byteCount + 2) / 3 * 4;
  }

  /** {@code =?label?q?...?=}, or the empty string for no bytes, as CPython does. */
  static String q(String label, byte[] bytes, int from, int to) {
    if (from == to) {
      return "";
    }
    StringBuilder out = new StringBuilder(label.length() + 7 + 3 * (to - from));
    out.append("=?").append(label).append("?q?");
    for (int i = from; i < to; i++) {
      int c = bytes[i] & 0xFF;
      if (Q_SAFE[c]) {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('_');
      } else {
        out.append('=').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.append("?=").toString();
  }

  /** {@code =?label?b?...?=}, or the empty string for no bytes, as CPython does. */
  static String base64(String label, byte[] bytes, int from, int to) {
    if (from == to) {
      return "";
    }
    byte[] slice = java.util.Arrays.copyOfRange(bytes, from, to);
    return "=?" + label + "?b?" + Base64.getEncoder().encodeToString(slice) + "?=";
  }
}
