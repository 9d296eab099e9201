package org.patchpipe.parser.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Python's codec registry as Patchwork sees it: which charset labels Python knows
 * ({@code codecs.lookup}), and strict decoding with Python's tables.
 *
 * <pre>{@code
 * Optional<PythonCharsets.Codec> codec = PythonCharsets.lookup("Latin_1");
 * Optional<String> text = codec.flatMap(c -> c.decode(bytes, 0, bytes.length));
 * }</pre>
 *
 * <p>The alias list and the single-byte tables are generated from CPython 3.11's {@code encodings}
 * package, so {@code windows-1252} rejects 0x81, 0x8D, 0x8F, 0x90 and 0x9D exactly as Python does.
 * Multi-byte codecs (UTF-8, UTF-16, the CJK family) decode through the JDK with errors reported.
 * Codecs Python knows but the JDK cannot run ({@code utf-7}, {@code hz}, the bytes-to-bytes codecs
 * such as {@code base64}) are "known" and always fail to decode. Immutable and thread-safe.
 */
public final class PythonCharsets {
  private static final String RESOURCE = "python-codecs.txt";
  private static final Map<String, Codec> BY_ALIAS = load();

  private PythonCharsets() {}

  /** One Python codec, named as {@code codecs.lookup(x).name} names it (e.g. {@code cp1252}). */
  public static final class Codec {
    private final String name;
    private final char[] table;
    private final Charset charset;
    private final boolean bom;

    Codec(String name, char[] table, Charset charset, boolean bom) {
      this.name = name;
      this.table = table;
      this.charset = charset;
      this.bom = bom;
    }

    /** Python's canonical name. */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "Codec[" + name + "]";
    }

    /** Whether the codec maps every byte to a character on its own (a charmap codec). */
    public boolean singleByte() {
      return table != null;
    }

    /** Strictly decodes {@code bytes[off, off+len)}, or empty where Python raises. */
    public Optional<String> decode(byte[] bytes, int off, int len) {
      if (table != null) {
        char[] out = new char[len];
        for (int i = 0; i < len; i++) {
          char c = table[bytes[off + i] & 0xFF];
          if (c == '\uFFFE') {
            return Optional.empty();
          }
          out[i] = c;
        }
        return Optional.of(new String(out));
      }
      if (charset == null) {
        return Optional.empty();
      }
      if (charset == StandardCharsets.UTF_8 && isAscii(bytes, off, len)) {
        return Optional.of(new String(bytes, off, len, StandardCharsets.ISO_8859_1));
      }
      CharsetDecoder decoder =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      try {
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, off, len));
        String s = chars.toString();
        if (bom && s.startsWith("\uFEFF")) {
          s = s.substring(1);
        }
        return Optional.of(s);
      } catch (CharacterCodingException | RuntimeException e) {
        return Optional.empty();
      }
    }

    /** Strictly decodes all of {@code bytes}. */
    public Optional<String> decode(byte[] bytes) {
      return decode(bytes, 0, bytes.length);
    }
  }

  /** The codec Python finds for {@code label}, or empty where {@code codecs.lookup} raises. */
  public static Optional<Codec> lookup(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String norm = normalize(label);
    Codec codec = BY_ALIAS.get(norm);
    if (codec == null && norm.indexOf('.') >= 0) {
      codec = BY_ALIAS.get(norm.replace('.', '_'));
    }
    return Optional.ofNullable(codec);
  }

  /**
   * The codec for a charset label of an RFC 2047 encoded word, as {@code email.charset.Charset}
   * resolves it: its own aliases first ({@code latin_2}, {@code latin-9} to iso-8859-x), then the
   * codec registry.
   */
  public static Optional<Codec> lookupHeaderCharset(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    if (lower.startsWith("latin_") || lower.startsWith("latin-")) {
      String iso =
          switch (lower.substring(6)) {
            case "1" -> "iso-8859-1";
            case "2" -> "iso-8859-2";
            case "3" -> "iso-8859-3";
            case "4" -> "iso-8859-4";
            case "5" -> "iso-8859-9";
            case "6" -> "iso-8859-10";
            case "7" -> "iso-8859-13";
            case "8" -> "iso-8859-14";
            case "9" -> "iso-8859-15";
            case "10" -> "iso-8859-16";
            default -> null;
          };
      if (iso != null) {
        return lookup(iso);
      }
    }
    return lookup(lower);
  }

  /** Strictly decodes with the codec of {@code label}; empty where it is unknown or fails. */
  public static Optional<String> decode(String label, byte[] bytes) {
    return lookup(label).flatMap(c -> c.decode(bytes));
  }

  /** Whether every byte in the range is below 0x80. */
  public static boolean isAscii(byte[] bytes, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Python's label normalisation: lowercase, spaces to underscores (the C layer), then
   * {@code encodings.normalize_encoding} (runs of characters other than ASCII letters, digits and
   * dots become one underscore, none at either end, non-ASCII letters vanish).
   */
  static String normalize(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    boolean punct = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.') {
        if (punct && sb.length() > 0) {
          sb.append('_');
        }
        if (c < 0x80) {
          sb.append(c);
        }
        punct = false;
      } else {
        punct = true;
      }
    }
    return sb.toString();
  }

  private static Map<String, Codec> load() {
    Map<String, String> aliasToName = new HashMap<>();
    Map<String, Boolean> binary = new HashMap<>();
    Map<String, char[]> tables = new HashMap<>();
    try (InputStream in = PythonCharsets.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("A ")) {
          String[] f = line.split(" ");
          aliasToName.put(f[1], f[2]);
          binary.put(f[2], f.length > 3);
        } else if (line.startsWith("T ")) {
          String[] f = line.split(" ");
          char[] table = new char[256];
          for (int i = 0; i < 256; i++) {
            table[i] = (char) Integer.parseInt(f[2].substring(i * 4, i * 4 + 4), 16);
          }
          tables.put(f[1], table);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Codec> byName = new HashMap<>();
    for (String name : binary.keySet()) {
      char[] table = tables.get(name);
      Charset charset = null;
      if (table == null && !binary.get(name)) {
        charset = jdkCharset(name);
      }
      byName.put(name, new Codec(name, table, charset, name.equals("utf-8-sig")));
    }
    Map<String, Codec> byAlias = new HashMap<>();
    aliasToName.forEach((alias, name) -> byAlias.put(alias, byName.get(name)));
    return Map.copyOf(byAlias);
  }

  /** The JDK charset running a multi-byte Python codec, or null where the JDK has none. */
  private static Charset jdkCharset(String pythonName) {
    String jdk =
        switch (pythonName) {
          case "ascii" -> "US-ASCII";
          case "utf-8", "utf-8-sig" -> "UTF-8";
          case "utf-16" -> "UTF-16";
          case "utf-16-be" -> "UTF-16BE";
          case "utf-16-le" -> "UTF-16LE";
          case "utf-32" -> "UTF-32";
          case "utf-32-be" -> "UTF-32BE";
          case "utf-32-le" -> "UTF-32LE";
          case "big5" -> "Big5";
          case "big5hkscs" -> "Big5-HKSCS";
          case "cp932" -> "windows-31j";
          case "cp949" -> "x-windows-949";
          case "cp950" -> "x-windows-950";
          case "euc_jp" -> "EUC-JP";
          case "euc_kr" -> "EUC-KR";
          case "gb18030" -> "GB18030";
          case "gb2312" -> "GB2312";
          case "gbk" -> "GBK";
          case "iso2022_jp" -> "ISO-2022-JP";
          case "iso2022_jp_2" -> "ISO-2022-JP-2";
          case "iso2022_kr" -> "ISO-2022-KR";
          case "johab" -> "x-Johab";
          case "shift_jis" -> "Shift_JIS";
          default -> null;
        };
    if (jdk == null || !Charset.isSupported(jdk)) {
      return null;
    }
    return Charset.forName(jdk);
  }
}
