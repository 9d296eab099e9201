package org.patchpipe.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads byte lines (each with its {@code \n}, the last one possibly without) from a stream, for
 * mail whose charset is not known yet. Tracks the byte offset of each line. One per thread.
 */
final class ByteLineReader {
  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int start;
  private int end;
  private long offset;
  private byte[] line = new byte[256];
  private int lineLength;

  ByteLineReader(InputStream in) {
    this.in = in;
  }

  /** The offset of the next line to be read. */
  long offset() {
    return offset;
  }

  /** Reads the next line; false at the end of the stream. */
  boolean readLine() throws IOException {
    lineLength = 0;
    while (true) {
      if (start == end) {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
          offset += lineLength;
          return lineLength > 0;
        }
        start = 0;
        end = n;
      }
      int i = start;
      while (i < end && buffer[i] != '\n') {
        i++;
      }
      boolean complete = i < end;
      int stop = complete ? i + 1 : end;
      append(buffer, start, stop - start);
      start = stop;
      if (complete) {
        offset += lineLength;
        return true;
      }
    }
  }

  private void append(byte[] src, int from, int length) {
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(src, from, line, lineLength, length);
    lineLength += length;
  }

  byte[] line() {
    return line;
  }

  int lineLength() {
    return lineLength;
  }

  boolean lineStartsWith(byte[] prefix) {
    return startsWithAt(0, prefix);
  }

  boolean startsWithAt(int at, byte[] prefix) {
    if (lineLength - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
