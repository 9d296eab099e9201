package org.patchpipe.ingest.imap;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.patchpipe.parser.RawMessage;

/**
 * Finds the {@code Message-ID} of raw mail bytes without parsing the mail: the first
 * {@code Message-ID:} header of the header block, unfolded, reduced to its first {@code <...>} (angle
 * brackets kept) as the raw topic's keys are. Used only to tell, after a UIDVALIDITY change, whether a message was
 * already published. Stateless and thread-safe; never throws on malformed mail.
 */
final class MessageIdScan {
  private MessageIdScan() {}

  /** The Message-ID, or empty when the header block has none. */
  static Optional<String> of(RawMessage raw) {
    byte[] bytes = raw.bytes();
    int lineStart = 0;
    while (lineStart < bytes.length) {
      int lineEnd = endOfLine(bytes, lineStart);
      int contentEnd = lineEnd;
      while (contentEnd > lineStart && (bytes[contentEnd - 1] == '\n' || bytes[contentEnd - 1] == '\r')) contentEnd--;
      if (contentEnd == lineStart) return Optional.empty(); // blank line: end of the header block
      if (startsWithIgnoreCase(bytes, lineStart, "message-id:")) {
        StringBuilder value = new StringBuilder(ascii(bytes, lineStart + 11, contentEnd));
        int next = lineEnd;
        while (next < bytes.length && (bytes[next] == ' ' || bytes[next] == '\t')) {
          int end = endOfLine(bytes, next);
          int cEnd = end;
          while (cEnd > next && (bytes[cEnd - 1] == '\n' || bytes[cEnd - 1] == '\r')) cEnd--;
          value.append(ascii(bytes, next, cEnd));
          next = end;
        }
        String id = value.toString().strip();
        // As the publisher keys the raw topic: the first <...> when there is one.
        int open = id.indexOf('<');
        int close = id.indexOf('>', open + 1);
        if (open >= 0 && close > open) id = id.substring(open, close + 1);
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
      }
      lineStart = lineEnd;
    }
    return Optional.empty();
  }

  private static int endOfLine(byte[] b, int from) {
    int i = from;
    while (i < b.length && b[i] != '\n') i++;
    return Math.min(i + 1, b.length);
  }

  private static boolean startsWithIgnoreCase(byte[] b, int from, String prefix) {
    if (from + prefix.length() > b.length) return false;
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase((char) (b[from + i] & 0xff)) != prefix.charAt(i)) return false;
    }
    return true;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
  }
}
