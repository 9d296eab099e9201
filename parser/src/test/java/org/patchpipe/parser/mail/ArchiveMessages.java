package org.patchpipe.parser.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test-only splitting of the shared corpus into message bytes exactly as the oracle did (oracle
 * README): gzip'd mboxrd archives (separator and closing blank line dropped, one {@code >} off every
 * {@code >+From } line), Python {@code mailbox.mbox} files, and whole files with an optional
 * header appended as the last header.
 */
final class ArchiveMessages {
  private ArchiveMessages() {}

  static List<byte[]> mboxrdGzip(Path file) throws IOException {
    byte[] all;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      all = in.readAllBytes();
    }
    List<byte[]> messages = new ArrayList<>();
    ByteArrayOutputStream current = null;
    boolean lastBlank = false;
    for (int pos = 0; pos < all.length; ) {
      int end = lineEnd(all, pos);
      if (startsWithFrom(all, pos, end)) {
        if (current != null) {
          messages.add(withoutClosingBlank(current, lastBlank));
        }
        current = new ByteArrayOutputStream();
        lastBlank = false;
      } else if (current != null) {
        int q = pos;
        while (q < end && all[q] == '>') {
          q++;
        }
        int from = q > pos && startsWithFrom(all, q, end) ? pos + 1 : pos;
        current.write(all, from, end - from);
        lastBlank = end - pos == 1 && all[pos] == '\n';
      }
      pos = end;
    }
    if (current != null) {
      messages.add(withoutClosingBlank(current, lastBlank));
    }
    return messages;
  }

  /** Python's {@code mailbox.mbox}: split at {@code From } lines, the blank line before each dropped. */
  static List<byte[]> pythonMbox(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<byte[]> messages = new ArrayList<>();
    int start = -1;
    boolean lastBlank = false;
    for (int pos = 0; pos < all.length; ) {
      int end = lineEnd(all, pos);
      if (startsWithFrom(all, pos, end)) {
        if (start >= 0) {
          messages.add(java.util.Arrays.copyOfRange(all, start, lastBlank ? pos - 1 : pos));
        }
        start = end;
        lastBlank = false;
      } else {
        lastBlank = end - pos == 1 && all[pos] == '\n';
      }
      pos = end;
    }
    if (start >= 0) {
      messages.add(java.util.Arrays.copyOfRange(all, start, lastBlank ? all.length - 1 : all.length));
    }
    return messages;
  }

  /** The whole file as one message, {@code extraHeader} (if not null) appended to its headers. */
  static byte[] wholeFile(Path file, String extraHeader) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (extraHeader == null) {
      return all;
    }
    int split = all.length;
    for (int pos = 0; pos < all.length; ) {
      int end = lineEnd(all, pos);
      if (all[pos] == '\n' || (all[pos] == '\r' && end - pos <= 2)) {
        split = pos;
        break;
      }
      pos = end;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(all.length + 64);
    out.write(all, 0, split);
    out.writeBytes((extraHeader + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(all, split, all.length - split);
    return out.toByteArray();
  }

  private static byte[] withoutClosingBlank(ByteArrayOutputStream current, boolean lastBlank) {
    byte[] bytes = current.toByteArray();
    return lastBlank ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
  }

  private static int lineEnd(byte[] all, int pos) {
    int i = pos;
    while (i < all.length && all[i] != '\n') {
      i++;
    }
    return i < all.length ? i + 1 : i;
  }

  private static boolean startsWithFrom(byte[] all, int pos, int end) {
    return end - pos >= 5 && all[pos] == 'F' && all[pos + 1] == 'r' && all[pos + 2] == 'o'
        && all[pos + 3] == 'm' && all[pos + 4] == ' ';
  }
}
