package org.patchpipe.ingest.source;

import java.util.Arrays;
import org.patchpipe.parser.RawMessage;

/** A growable byte buffer that collects one message, reused across messages. One per thread. */
final class MessageBuffer {
  private static final int SHRINK_ABOVE_BYTES = 4 << 20;
  private byte[] bytes = new byte[16 * 1024];
  private int length;

  void append(byte[] src, int from, int count) {
    if (length + count > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) length + count);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("message larger than 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
    System.arraycopy(src, from, bytes, length, count);
    length += count;
  }

  int length() {
    return length;
  }

  byte byteAt(int index) {
    return bytes[index];
  }

  void truncate(int newLength) {
    length = newLength;
  }

  /** The collected message; the buffer is emptied (and a huge one released) for the next. */
  RawMessage take() {
    RawMessage message = RawMessage.of(bytes, 0, length);
    length = 0;
    if (bytes.length > SHRINK_ABOVE_BYTES) {
      bytes = new byte[16 * 1024];
    }
    return message;
  }
}
