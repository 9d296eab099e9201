package org.patchpipe.parser;

/**
 * Line endings as Patchwork's {@code parsemail} sees them: it reads mail with {@code
 * email.message_from_binary_file}, whose text layer turns CRLF and lone CR into LF before parsing.
 * So CRLF mail (IMAP, Maildir written by Windows clients) parses exactly like LF mail.
 */
final class UniversalNewlines {
  private UniversalNewlines() {}

  /** {@code bytes} with CRLF and CR turned into LF; the same array where there is no CR. */
  static byte[] apply(byte[] bytes) {
    int cr = -1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r') {
        cr = i;
        break;
      }
    }
    if (cr < 0) {
      return bytes;
    }
    byte[] out = new byte[bytes.length];
    System.arraycopy(bytes, 0, out, 0, cr);
    int o = cr;
    for (int i = cr; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '\r') {
        out[o++] = '\n';
        if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
          i++;
        }
      } else {
        out[o++] = b;
      }
    }
    return java.util.Arrays.copyOf(out, o);
  }
}
