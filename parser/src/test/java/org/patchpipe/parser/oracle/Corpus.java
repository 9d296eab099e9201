package org.patchpipe.parser.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** Reads the shared corpus and oracle (../shared), skipping tests where it is absent. */
public final class Corpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Corpus() {}

  /** The shared directory, or a skipped test. */
  public static Path shared() {
    String prop = System.getProperty("patchpipe.shared");
    Path p = prop != null ? Paths.get(prop) : Paths.get("../../shared");
    if (!Files.isDirectory(p.resolve("corpus"))) {
      p = Paths.get("../shared");
    }
    Assumptions.assumeTrue(
        Files.isDirectory(p.resolve("corpus")) && Files.isDirectory(p.resolve("oracle")),
        "shared corpus not found at " + p.toAbsolutePath() + " (set -Dpatchpipe.shared); skipping golden test");
    return p;
  }

  /** A fixture from src/test/resources/rules. */
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

  public static byte[] read(Path p) {
    try {
      if (p.toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16)) {
          return in.readAllBytes();
        }
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> oracle(Path p) {
    String text = new String(read(p), StandardCharsets.UTF_8);
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Splits an mboxrd archive as the corpus README says: drop each {@code From } separator line and
   * the blank line before the next one, and one {@code >} from every {@code >+From } line.
   */
  public static List<byte[]> mboxrd(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    List<int[]> lines = lines(data);
    ByteArrayOutputStream cur = null;
    for (int i = 0; i < lines.size(); i++) {
      int s = lines.get(i)[0];
      int e = lines.get(i)[1];
      if (startsWith(data, s, e, "From ")) {
        if (cur != null) {
          out.add(dropTrailingBlank(cur.toByteArray()));
        }
        cur = new ByteArrayOutputStream();
        continue;
      }
      if (cur == null) {
        continue;
      }
      int q = s;
      while (q < e && data[q] == '>') {
        q++;
      }
      if (q > s && startsWith(data, q, e, "From ")) {
        cur.write(data, s + 1, e - s - 1);
      } else {
        cur.write(data, s, e - s);
      }
    }
    if (cur != null) {
      out.add(dropTrailingBlank(cur.toByteArray()));
    }
    return out;
  }

  /** Splits an mbox as Python's {@code mailbox.mbox} does (no unquoting; blank line before From dropped). */
  public static List<byte[]> mboxo(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    List<int[]> lines = lines(data);
    int start = -1;
    boolean lastEmpty = false;
    int prevStart = 0;
    for (int[] l : lines) {
      if (startsWith(data, l[0], l[1], "From ")) {
        if (start >= 0) {
          int stop = lastEmpty ? prevStart : l[0];
          out.add(java.util.Arrays.copyOfRange(data, start, stop));
        }
        start = l[1];
        lastEmpty = false;
      } else {
        lastEmpty = l[1] - l[0] == 1 && data[l[0]] == '\n';
      }
      prevStart = l[0];
    }
    if (start >= 0) {
      int stop = lastEmpty ? prevStart : data.length;
      out.add(java.util.Arrays.copyOfRange(data, start, stop));
    }
    return out;
  }

  private static byte[] dropTrailingBlank(byte[] m) {
    if (m.length >= 2 && m[m.length - 1] == '\n' && m[m.length - 2] == '\n') {
      return java.util.Arrays.copyOf(m, m.length - 1);
    }
    return m;
  }

  private static List<int[]> lines(byte[] data) {
    List<int[]> lines = new ArrayList<>();
    int s = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        lines.add(new int[] {s, i + 1});
        s = i + 1;
      }
    }
    if (s < data.length) {
      lines.add(new int[] {s, data.length});
    }
    return lines;
  }

  private static boolean startsWith(byte[] d, int s, int e, String p) {
    if (e - s < p.length()) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (d[s + i] != p.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
