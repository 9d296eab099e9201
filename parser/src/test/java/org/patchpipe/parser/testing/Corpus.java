package org.patchpipe.parser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The tests' one reader of the shared corpus and oracle files: a file's bytes (gunzipped when it
 * ends in {@code .gz}), an oracle's JSON lines, an archive's messages (split by
 * {@link MboxSplitter}), a whole file as one message, and the parser's rule fixtures ({@code src/test/resources/rules}).
 */
public final class Corpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  /** A file's bytes, gunzipped when its name ends in {@code .gz}. */
  public static byte[] read(Path file) {
    try {
      if (file.toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
          return in.readAllBytes();
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records of an oracle's JSON lines file ({@code .jsonl.gz}), blank lines skipped. */
  public static List<JsonNode> oracle(Path file) {
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : new String(read(file), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The messages of a (gzip'd) mboxrd archive, as {@link MboxSplitter#mboxrd} splits it. */
  public static List<byte[]> mboxrd(Path file) {
    return MboxSplitter.mboxrd(read(file));
  }

  /** The messages of an mbox read as Python's {@code mailbox.mbox} does. */
  public static List<byte[]> pythonMbox(Path file) {
    return MboxSplitter.pythonMbox(read(file));
  }

  /**
   * A whole file as one message, as {@code email.message_from_binary_file} reads it; {@code
   * extraHeader}, where not null, is appended as the last header (the oracle's injected Message-Id).
   */
  public static byte[] wholeFile(Path file, String extraHeader) {
    byte[] all = read(file);
    if (extraHeader == null) {
      return all;
    }
    int split = headerEnd(all);
    ByteArrayOutputStream out = new ByteArrayOutputStream(all.length + extraHeader.length() + 2);
    out.write(all, 0, split);
    out.writeBytes((extraHeader + "\n").getBytes(StandardCharsets.UTF_8));
    out.write(all, split, all.length - split);
    return out.toByteArray();
  }

  /** The offset of the blank line that ends the header block (or the end of the file). */
  private static int headerEnd(byte[] all) {
    for (int pos = 0, end; pos < all.length; pos = end) {
      end = pos;
      while (end < all.length && all[end++] != '\n') {
        // to the end of the line
      }
      if (all[pos] == '\n' || (all[pos] == '\r' && end - pos == 2)) {
        return pos;
      }
    }
    return all.length;
  }

  /** A fixture from the parser's {@code src/test/resources/rules}. */
  public static byte[] fixture(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/rules/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
