package org.patchpipe.parser.golden;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.patchpipe.parser.RawMessage;

/**
 * Test-only readers that split the corpus exactly as the oracle did (oracle README): a gzip'd
 * mboxrd archive, a Python {@code mailbox.mbox} file, or a whole file as one message. Kept
 * independent of the ingest module's sources so the golden tests check the parser alone.
 */
final class CorpusMessages {
  private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

  private CorpusMessages() {}

  /**
   * A public-inbox mboxrd archive: each message follows a {@code From } separator line and is
   * followed by one blank line; one {@code >} goes from every {@code >+From } line.
   */
  static List<RawMessage> mboxrdGzip(Path file) throws IOException {
    byte[] all;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      all = in.readAllBytes();
    }
    List<RawMessage> messages = new ArrayList<>();
    ByteArrayOutputStream current = null;
    boolean previousBlank = false;
    int pos = 0;
    while (pos < all.length) {
      int end = lineEnd(all, pos);
      if (startsWith(all, pos, end, FROM)) {
        if (current != null) {
          messages.add(finish(current, previousBlank));
        }
        current = new ByteArrayOutputStream();
        previousBlank = false;
      } else if (current != null) {
        int quote = pos;
        while (quote < end && all[quote] == '>') {
          quote++;
        }
        boolean quotedFrom = quote > pos && startsWith(all, quote, end, FROM);
        int from = quotedFrom ? pos + 1 : pos;
        current.write(all, from, end - from);
        previousBlank = end - pos == 1 && all[pos] == '\n';
      }
      pos = end;
    }
    if (current != null) {
      messages.add(finish(current, previousBlank));
    }
    return messages;
  }

  /** Drops the blank line that closes each mboxrd message. */
  private static RawMessage finish(ByteArrayOutputStream current, boolean endsWithBlankLine) {
    byte[] bytes = current.toByteArray();
    int length = endsWithBlankLine ? bytes.length - 1 : bytes.length;
    return RawMessage.of(bytes, 0, length);
  }

  /**
   * Python's {@code mailbox.mbox}, as Patchwork's series tests read {@code series/*.mbox}: split at
   * every {@code From } line, the separator line dropped, and one blank line before the next
   * separator dropped; no un-quoting.
   */
  static List<RawMessage> pythonMbox(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<RawMessage> messages = new ArrayList<>();
    int start = -1;
    boolean lastWasEmpty = false;
    int pos = 0;
    while (pos < all.length) {
      int end = lineEnd(all, pos);
      if (startsWith(all, pos, end, FROM)) {
        if (start >= 0) {
          int stop = lastWasEmpty ? pos - 1 : pos;
          messages.add(RawMessage.of(all, start, stop - start));
        }
        start = end;
        lastWasEmpty = false;
      } else {
        lastWasEmpty = end - pos == 1 && all[pos] == '\n';
      }
      pos = end;
    }
    if (start >= 0) {
      int stop = lastWasEmpty ? all.length - 1 : all.length;
      messages.add(RawMessage.of(all, start, Math.max(0, stop - start)));
    }
    return messages;
  }

  /**
   * A whole file as one message, as {@code email.message_from_binary_file} reads it; {@code
   * extraHeader}, where not null, is appended as the last header (the oracle's injected Message-Id).
   */
  static RawMessage wholeFile(Path file, String extraHeader) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (extraHeader == null) {
      return RawMessage.of(all);
    }
    int split = headerEnd(all);
    ByteArrayOutputStream out = new ByteArrayOutputStream(all.length + extraHeader.length() + 2);
    out.write(all, 0, split);
    out.writeBytes((extraHeader + "\n").getBytes(StandardCharsets.UTF_8));
    out.write(all, split, all.length - split);
    return RawMessage.of(out.toByteArray());
  }

  /** The offset of the blank line that ends the header block (or the end of the file). */
  private static int headerEnd(byte[] all) {
    int pos = 0;
    while (pos < all.length) {
      int end = lineEnd(all, pos);
      boolean blank = all[pos] == '\n' || (all[pos] == '\r' && end - pos == 2);
      if (blank) {
        return pos;
      }
      pos = end;
    }
    return all.length;
  }

  private static int lineEnd(byte[] all, int pos) {
    for (int i = pos; i < all.length; i++) {
      if (all[i] == '\n') {
        return i + 1;
      }
    }
    return all.length;
  }

  private static boolean startsWith(byte[] all, int pos, int end, byte[] prefix) {
    if (end - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (all[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
