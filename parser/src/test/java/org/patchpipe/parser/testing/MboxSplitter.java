package org.patchpipe.parser.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' one mbox splitter, splitting as the oracle did (shared oracle README). Kept
 * independent of the ingest module's reader so that golden tests check the parser alone.
 */
public final class MboxSplitter {
  private MboxSplitter() {}

  /**
   * A public-inbox mboxrd archive: each message follows a {@code From } separator line and is
   * followed by one blank line, both dropped; one {@code >} goes from every {@code >+From } line.
   */
  public static List<byte[]> mboxrd(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    ByteArrayOutputStream current = null;
    boolean previousBlank = false;
    for (int pos = 0, end; pos < data.length; pos = end) {
      end = lineEnd(data, pos);
      if (isFromLine(data, pos, end)) {
        if (current != null) {
          out.add(finish(current, previousBlank));
        }
        current = new ByteArrayOutputStream();
        previousBlank = false;
      } else if (current != null) {
        int quote = pos;
        while (quote < end && data[quote] == '>') {
          quote++;
        }
        int from = quote > pos && isFromLine(data, quote, end) ? pos + 1 : pos;
        current.write(data, from, end - from);
        previousBlank = end - pos == 1 && data[pos] == '\n';
      }
    }
    if (current != null) {
      out.add(finish(current, previousBlank));
    }
    return out;
  }

  /**
   * Python's {@code mailbox.mbox}, as Patchwork's tests read {@code series/*.mbox}: split at every
   * {@code From } line, the separator line dropped, and one blank line before the next separator
   * dropped; no un-quoting.
   */
  public static List<byte[]> pythonMbox(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    int start = -1;
    boolean lastWasEmpty = false;
    for (int pos = 0, end; pos < data.length; pos = end) {
      end = lineEnd(data, pos);
      if (isFromLine(data, pos, end)) {
        if (start >= 0) {
          out.add(Arrays.copyOfRange(data, start, lastWasEmpty ? pos - 1 : pos));
        }
        start = end;
        lastWasEmpty = false;
      } else {
        lastWasEmpty = end - pos == 1 && data[pos] == '\n';
      }
    }
    if (start >= 0) {
      int stop = lastWasEmpty ? data.length - 1 : data.length;
      out.add(Arrays.copyOfRange(data, start, Math.max(start, stop)));
    }
    return out;
  }

  private static byte[] finish(ByteArrayOutputStream current, boolean endsWithBlankLine) {
    byte[] bytes = current.toByteArray();
    return endsWithBlankLine ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
  }

  private static int lineEnd(byte[] data, int pos) {
    for (int i = pos; i < data.length; i++) {
      if (data[i] == '\n') {
        return i + 1;
      }
    }
    return data.length;
  }

  private static boolean isFromLine(byte[] data, int pos, int end) {
    return end - pos >= 5 && data[pos] == 'F' && data[pos + 1] == 'r' && data[pos + 2] == 'o'
        && data[pos + 3] == 'm' && data[pos + 4] == ' ';
  }
}
