package org.patchpipe.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.patchpipe.parser.RawMessage;

/**
 * A quick look at one header of a raw message, before (or instead of) parsing it: the List-Id that
 * picks the project, and a Message-ID for keying records of mail the parser could not handle.
 * Unfolds continuation lines, matches names case-insensitively, reads at most the first 256 KiB.
 * Not RFC 2047 aware: both headers are ASCII by nature. Stateless.
 */
final class HeaderPeek {
  private static final int MAX_HEADER_BYTES = 256 * 1024;

  private HeaderPeek() {}

  /** The List-Id without angle brackets, e.g. {@code openrisc.lists.librecores.org}. */
  static Optional<String> listId(RawMessage raw) {
    return first(raw, "list-id").map(HeaderPeek::inAngleBrackets).filter(s -> !s.isEmpty());
  }

  /** The Message-ID with its angle brackets, e.g. {@code <1234@example.com>}. */
  static Optional<String> messageId(RawMessage raw) {
    return first(raw, "message-id")
        .map(v -> {
          int open = v.indexOf('<');
          int close = v.indexOf('>', open + 1);
          return open >= 0 && close > open ? v.substring(open, close + 1) : v.trim();
        })
        .filter(s -> !s.isEmpty());
  }

  private static String inAngleBrackets(String value) {
    int open = value.lastIndexOf('<');
    int close = value.indexOf('>', open + 1);
    return open >= 0 && close > open ? value.substring(open + 1, close).trim() : value.trim();
  }

  /** The first header named {@code lowerName}, unfolded, or empty. */
  static Optional<String> first(RawMessage raw, String lowerName) {
    int limit = Math.min(raw.size(), MAX_HEADER_BYTES);
    int i = 0;
    StringBuilder value = null;
    while (i < limit) {
      int end = i;
      while (end < limit && raw.byteAt(end) != '\n') {
        end++;
      }
      int lineEnd = end > i && raw.byteAt(end - 1) == '\r' ? end - 1 : end;
      if (lineEnd == i) {
        break;
      }
      byte b = raw.byteAt(i);
      boolean continuation = b == ' ' || b == '\t';
      if (value != null) {
        if (!continuation) {
          break;
        }
        value.append(' ').append(text(raw, i, lineEnd).trim());
      } else if (!continuation && nameMatches(raw, i, lineEnd, lowerName)) {
        value = new StringBuilder(text(raw, i + lowerName.length() + 1, lineEnd).trim());
      }
      i = end + 1;
    }
    return value == null ? Optional.empty() : Optional.of(value.toString().trim());
  }

  private static boolean nameMatches(RawMessage raw, int from, int to, String lowerName) {
    int n = lowerName.length();
    if (to - from <= n || raw.byteAt(from + n) != ':') {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (Character.toLowerCase((char) (raw.byteAt(from + k) & 0xff)) != lowerName.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static String text(RawMessage raw, int from, int to) {
    byte[] bytes = new byte[Math.max(0, to - from)];
    raw.copyTo(from, bytes, 0, bytes.length);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
