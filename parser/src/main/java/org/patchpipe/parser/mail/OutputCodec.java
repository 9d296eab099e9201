package org.patchpipe.parser.mail;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code str.encode(codec)} for the output codec of a header chunk's charset (R12.2):
 * {@code unknown-8bit} with {@code surrogateescape}, single-byte codecs through Python's own tables
 * from {@link PythonCharsets} (reversed), UTF-8 directly, and other multi-byte codecs through the
 * JDK, UTF-16/32 with Python's little-endian BOM. Immutable and thread-safe. Characters a codec
 * cannot encode (Patchwork's {@code Header.append} would have rejected the chunk before) become
 * {@code ?} rather than an exception.
 */
final class OutputCodec {
  private static final OutputCodec UNKNOWN_8BIT = new OutputCodec(Kind.SURROGATE_ESCAPE, null, null, null);
  private static final OutputCodec UTF_8 = new OutputCodec(Kind.UTF_8, null, null, null);

  private enum Kind { SURROGATE_ESCAPE, UTF_8, TABLE, JDK }

  private final Kind kind;
  /** For TABLE: the byte of each character the codec can write. */
  private final Map<Character, Byte> byteOfChar;
  private final Charset jdk;
  private final byte[] bom;

  private OutputCodec(Kind kind, Map<Character, Byte> byteOfChar, Charset jdk, byte[] bom) {
    this.kind = kind;
    this.byteOfChar = byteOfChar;
    this.jdk = jdk;
    this.bom = bom;
  }

  static OutputCodec of(String codec) {
    if (codec.equals(EmailCharset.UNKNOWN_8BIT)) {
      return UNKNOWN_8BIT;
    }
    Optional<PythonCharsets.Codec> python = PythonCharsets.lookup(codec);
    String name = python.map(PythonCharsets.Codec::name).orElse(codec);
    if (name.equals("utf-8") || name.equals("utf-8-sig")) {
      return UTF_8;
    }
    if (python.isPresent() && python.get().singleByte()) {
      return new OutputCodec(Kind.TABLE, reverseTable(python.get()), null, null);
    }
    switch (name) {
      case "utf-16": return new OutputCodec(Kind.JDK, null, StandardCharsets.UTF_16LE,
          new byte[] {(byte) 0xFF, (byte) 0xFE});
      case "utf-32": return new OutputCodec(Kind.JDK, null, Charset.forName("UTF-32LE"),
          new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
      default: return new OutputCodec(Kind.JDK, null, jdkCharset(name), new byte[0]);
    }
  }

  boolean utf8() {
    return kind == Kind.UTF_8;
  }

  /** One byte per character, so a line's bytes are its characters' bytes in a row. */
  boolean singleByte() {
    return kind == Kind.TABLE;
  }

  /**
   * Whether Python's strict {@code text.encode(codec)} succeeds. Python's {@code iso2022_jp} has no
   * half-width katakana, which the JDK's ISO-2022-JP writes, so those are refused here.
   */
  boolean canEncode(String text) {
    switch (kind) {
      case SURROGATE_ESCAPE: return true;
      case UTF_8: return !hasLoneSurrogate(text);
      case TABLE: {
        for (int i = 0; i < text.length(); i++) {
          if (!byteOfChar.containsKey(text.charAt(i))) {
            return false;
          }
        }
        return true;
      }
      default: {
        if (jdk.name().equals("ISO-2022-JP")) {
          for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0xFF61 && c <= 0xFF9F) {
              return false;
            }
          }
        }
        return !hasLoneSurrogate(text) && jdk.newEncoder().canEncode(text);
      }
    }
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  byte[] encode(String text) {
    switch (kind) {
      case SURROGATE_ESCAPE: return surrogateEscape(text);
      case UTF_8: return text.getBytes(StandardCharsets.UTF_8);
      case TABLE: {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
          out[i] = byteOfChar.getOrDefault(text.charAt(i), (byte) '?');
        }
        return out;
      }
      default: {
        if (text.isEmpty()) {
          return new byte[0];
        }
        byte[] body = text.getBytes(jdk);
        byte[] out = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
      }
    }
  }

  /** Python's {@code str.encode('ascii', 'surrogateescape')}; other characters as UTF-8. */
  private static byte[] surrogateEscape(String text) {
    byte[] out = new byte[text.length() * 3];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c >= 0xDC80 && c <= 0xDCFF) {
        out[n++] = (byte) (c - 0xDC00);
      } else {
        // Unreachable from Patchwork's own chunks (Python would raise); kept lossless.
        int cp = Character.isHighSurrogate(c) && i + 1 < text.length() ? text.codePointAt(i) : c;
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
        i += Character.charCount(cp) - 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static Map<Character, Byte> reverseTable(PythonCharsets.Codec codec) {
    Map<Character, Byte> table = new HashMap<>(512);
    byte[] one = new byte[1];
    for (int b = 255; b >= 0; b--) {
      one[0] = (byte) b;
      // Lowest byte wins where two bytes decode to one character, as Python's encoding maps do.
      Optional<String> c = codec.decode(one);
      if (c.isPresent() && c.get().length() == 1) {
        table.put(c.get().charAt(0), (byte) b);
      }
    }
    return table;
  }

  /** The JDK charset running a multi-byte Python codec; UTF-8 where the JDK has none. */
  private static Charset jdkCharset(String pythonName) {
    String jdk;
    switch (pythonName) {
      case "ascii": jdk = "US-ASCII"; break;
      case "utf-16-be": jdk = "UTF-16BE"; break;
      case "utf-16-le": jdk = "UTF-16LE"; break;
      case "utf-32-be": jdk = "UTF-32BE"; break;
      case "utf-32-le": jdk = "UTF-32LE"; break;
      case "big5": jdk = "Big5"; break;
      case "big5hkscs": jdk = "Big5-HKSCS"; break;
      case "cp932": jdk = "windows-31j"; break;
      case "cp949": jdk = "x-windows-949"; break;
      case "cp950": jdk = "x-windows-950"; break;
      case "euc_jp": jdk = "EUC-JP"; break;
      case "euc_kr": jdk = "EUC-KR"; break;
      case "gb18030": jdk = "GB18030"; break;
      case "gb2312": jdk = "GB2312"; break;
      case "gbk": jdk = "GBK"; break;
      case "iso2022_jp": jdk = "ISO-2022-JP"; break;
      case "iso2022_jp_2": jdk = "ISO-2022-JP-2"; break;
      case "iso2022_kr": jdk = "ISO-2022-KR"; break;
      case "johab": jdk = "x-Johab"; break;
      case "shift_jis": jdk = "Shift_JIS"; break;
      default: jdk = pythonName;
    }
    try {
      return Charset.forName(jdk);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
