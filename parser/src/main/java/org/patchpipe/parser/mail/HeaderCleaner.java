package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patchwork's header cleaning {@code CH(v)} (R0.3): RFC 2047 chunking as CPython's {@code
 * decode_header}, decoding with Python's codec registry (every chunk relabelled {@code
 * unknown-8bit} where one fails), joining as {@code str(make_header(...))}, then whitespace
 * collapsing.
 *
 * <pre>{@code
 * Optional<String> name = HeaderCleaner.clean("=?utf-8?q?J=C3=B6rg?= <j@x.com>"); // "Jörg <j@x.com>"
 * Optional<List<HeaderChunk>> chunks = HeaderCleaner.chunks(rawValue); // for HeaderEncoder
 * }</pre>
 *
 * <p>Empty results mean "undecodable" (Patchwork's {@code None}). Stateless.
 */
public final class HeaderCleaner {
  /** The label of plain (not encoded) text. */
  public static final String ASCII = "us-ascii";

  /** The label of raw 8-bit bytes and of chunks whose charset failed. */
  public static final String UNKNOWN_8BIT = "unknown-8bit";

  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]*?)\\?([qQbB])\\?(.*?)\\?=", Pattern.UNIX_LINES);

  private HeaderCleaner() {}

  /**
   * The chunks of a raw header value (R0.3 steps 1 and 2, runs of one charset joined as {@code
   * Header._normalize} does), or empty where the value cannot be decoded at all (bad base64).
   */
  public static Optional<List<HeaderChunk>> chunks(String rawValue) {
    if (MailHeader.hasSurrogates(rawValue)) {
      return Optional.of(List.of(new HeaderChunk(rawValue, UNKNOWN_8BIT)));
    }
    if (rawValue.indexOf("=?") < 0 || !ENCODED_WORD.matcher(rawValue).find()) {
      return Optional.of(List.of(new HeaderChunk(rawValue, ASCII)));
    }
    List<Word> words = new ArrayList<>();
    for (String line : PythonText.splitLines(rawValue)) {
      Matcher m = ENCODED_WORD.matcher(line);
      int last = 0;
      boolean first = true;
      while (true) {
        boolean found = m.find();
        String plain = line.substring(last, found ? m.start() : line.length());
        if (first) {
          plain = PythonText.lstrip(plain);
          first = false;
        }
        if (!plain.isEmpty()) {
          words.add(new Word(plain, null, null));
        }
        if (!found) {
          break;
        }
        words.add(new Word(m.group(3), m.group(2).toLowerCase(Locale.ROOT), m.group(1).toLowerCase(Locale.ROOT)));
        last = m.end();
      }
    }
    for (int n = words.size() - 1; n > 1; n--) {
      if (words.get(n).encoding != null
          && words.get(n - 2).encoding != null
          && words.get(n - 1).encoding == null
          && PythonText.isAllSpace(words.get(n - 1).text)) {
        words.remove(n - 1);
        n--;
      }
    }
    List<Collapsed> collapsed = new ArrayList<>();
    for (Word w : words) {
      byte[] bytes = w.decoded();
      if (bytes == null) {
        return Optional.empty();
      }
      Collapsed prev = collapsed.isEmpty() ? null : collapsed.get(collapsed.size() - 1);
      if (prev != null && java.util.Objects.equals(prev.charset, w.charset)) {
        prev.append(bytes, w.charset == null);
      } else {
        collapsed.add(new Collapsed(bytes, w.charset));
      }
    }
    List<HeaderChunk> chunks = new ArrayList<>(collapsed.size());
    for (Collapsed c : collapsed) {
      String label = c.charset == null ? ASCII : emailCharsetName(c.charset);
      String text = decode(c.bytes(), label);
      if (text == null || !HeaderEncoder.appendable(new HeaderChunk(text, label))) {
        return Optional.of(relabel(collapsed));
      }
      chunks.add(new HeaderChunk(text, label));
    }
    return Optional.of(normalize(chunks));
  }

  /**
   * {@code CH(v)}: the cleaned text (whitespace runs collapsed, stripped, NULs removed), or empty
   * where Patchwork finds the header undecodable. A null value (header absent) gives empty.
   */
  public static Optional<String> clean(String rawValue) {
    if (rawValue == null) {
      return Optional.empty();
    }
    if (rawValue.indexOf("=?") < 0 && !MailHeader.hasSurrogates(rawValue)) {
      if (mayEmbedHeader(rawValue) && !HeaderEncoder.encodable(List.of(new HeaderChunk(rawValue, ASCII)))) {
        return Optional.empty();
      }
      return Optional.of(PythonText.collapse(PythonText.removeNul(rawValue)));
    }
    Optional<List<HeaderChunk>> chunks = chunks(rawValue);
    if (chunks.isEmpty()) {
      return Optional.empty();
    }
    boolean check = false;
    for (HeaderChunk c : chunks.get()) {
      check |= ASCII.equals(c.charset()) && mayEmbedHeader(c.text());
    }
    if (check && !HeaderEncoder.encodable(chunks.get())) {
      return Optional.empty();
    }
    return Optional.of(PythonText.collapse(PythonText.removeNul(text(chunks.get()))));
  }

  /**
   * Whether plain text could fail {@code Header.encode()}'s embedded-header check (R0.3 step 4):
   * only a line break that is not a fold (LF then space or tab) can start an unindented line.
   * Everything else is folded with indentation, so the costly check is skipped.
   */
  private static boolean mayEmbedHeader(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (PythonText.isLineBreak(c)) {
        boolean fold = c == '\n' && i + 1 < n && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t');
        if (!fold) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code CH} of a header, or empty where it is absent or undecodable. */
  public static Optional<String> clean(MailHeader header) {
    return header == null ? Optional.empty() : clean(header.value());
  }

  /**
   * {@code str(Header)} (R0.3 step 3): chunks joined, with a space at boundaries between encoded
   * and plain text unless the plain side already has whitespace or {@code ( ) \}; 8-bit bytes
   * become U+FFFD.
   */
  public static String text(List<HeaderChunk> chunks) {
    StringBuilder sb = new StringBuilder();
    String lastcs = null;
    boolean lastspace = false;
    boolean firstChunk = true;
    for (HeaderChunk c : chunks) {
      String nextcs = c.charset();
      String s = c.text();
      if (UNKNOWN_8BIT.equals(nextcs)) {
        s = MailHeader.replaceSurrogates(s);
      }
      if (!firstChunk) {
        boolean hasspace = !s.isEmpty() && nonctext(s.charAt(0));
        if (!isAscii(lastcs)) {
          if (isAscii(nextcs) && !hasspace) {
            sb.append(' ');
            nextcs = null;
          }
        } else if (!isAscii(nextcs) && !lastspace) {
          sb.append(' ');
        }
      }
      firstChunk = false;
      lastspace = !s.isEmpty() && nonctext(s.charAt(s.length() - 1));
      lastcs = nextcs;
      sb.append(s);
    }
    return sb.toString();
  }

  private static boolean isAscii(String cs) {
    return cs == null || cs.equals(ASCII);
  }

  private static boolean nonctext(char c) {
    return PythonText.isSpace(c) || c == '(' || c == ')' || c == '\\';
  }

  /** {@code Header._normalize}: runs of one charset joined with a space. */
  private static List<HeaderChunk> normalize(List<HeaderChunk> chunks) {
    if (chunks.size() < 2) {
      return chunks;
    }
    List<HeaderChunk> out = new ArrayList<>(chunks.size());
    for (HeaderChunk c : chunks) {
      if (!out.isEmpty() && out.get(out.size() - 1).charset().equals(c.charset())) {
        HeaderChunk prev = out.remove(out.size() - 1);
        out.add(new HeaderChunk(prev.text() + " " + c.text(), c.charset()));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static List<HeaderChunk> relabel(List<Collapsed> collapsed) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < collapsed.size(); i++) {
      Collapsed c = collapsed.get(i);
      if (i > 0) {
        sb.append(' ');
      }
      byte[] b = c.bytes();
      for (byte x : b) {
        int v = x & 0xFF;
        sb.append(v < 0x80 ? (char) v : (char) (0xDC00 | v));
      }
    }
    return List.of(new HeaderChunk(sb.toString(), UNKNOWN_8BIT));
  }

  /** {@code email.charset.Charset(label)}: its own aliases on the lowercased label. */
  static String emailCharsetName(String lower) {
    switch (lower) {
      case "latin_1":
      case "latin-1":
        return "iso-8859-1";
      case "latin_2":
      case "latin-2":
        return "iso-8859-2";
      case "latin_3":
      case "latin-3":
        return "iso-8859-3";
      case "latin_4":
      case "latin-4":
        return "iso-8859-4";
      case "latin_5":
      case "latin-5":
        return "iso-8859-9";
      case "latin_6":
      case "latin-6":
        return "iso-8859-10";
      case "latin_7":
      case "latin-7":
        return "iso-8859-13";
      case "latin_8":
      case "latin-8":
        return "iso-8859-14";
      case "latin_9":
      case "latin-9":
        return "iso-8859-15";
      case "latin_10":
      case "latin-10":
        return "iso-8859-16";
      case "cp949":
        return "ks_c_5601-1987";
      case "euc_jp":
        return "euc-jp";
      case "euc_kr":
        return "euc-kr";
      case "ascii":
        return ASCII;
      default:
        return lower;
    }
  }

  /** Decodes as {@code Header.append} does; null where Python raises. */
  private static String decode(byte[] bytes, String label) {
    if (label.equals(UNKNOWN_8BIT)) {
      StringBuilder sb = new StringBuilder(bytes.length);
      for (byte x : bytes) {
        int v = x & 0xFF;
        sb.append(v < 0x80 ? (char) v : (char) (0xDC00 | v));
      }
      return sb.toString();
    }
    if (label.isEmpty()) {
      // Charset('').input_codec is '', and Header.append falls back to us-ascii for a falsy codec.
      return PythonCharsets.lookup(ASCII).flatMap(c -> c.decode(bytes)).orElse(null);
    }
    return PythonCharsets.lookup(label).flatMap(c -> c.decode(bytes)).orElse(null);
  }

  /** One piece of {@code decode_header}: plain text, or an encoded word's payload. */
  private static final class Word {
    final String text;
    final String encoding;
    final String charset;

    Word(String text, String encoding, String charset) {
      this.text = text;
      this.encoding = encoding;
      this.charset = charset;
    }

    /** The bytes of this word; null where base64 cannot be decoded. */
    byte[] decoded() {
      if (encoding == null) {
        return latin1(text);
      }
      if (encoding.equals("q")) {
        return qDecode(text);
      }
      String padded = text;
      int padErr = text.length() % 4;
      if (padErr != 0) {
        padded = text + "===".substring(0, 4 - padErr);
      }
      byte[] b = latin1(padded);
      return TransferEncoding.a2bBase64(b, b.length);
    }
  }

  /** {@code quoprimime.header_decode}: {@code _} to space, {@code =XX} to a byte. */
  private static byte[] qDecode(String s) {
    byte[] in = latin1(s);
    byte[] out = new byte[in.length];
    int o = 0;
    for (int i = 0; i < in.length; i++) {
      byte c = in[i];
      if (c == '_') {
        out[o++] = ' ';
      } else if (c == '=' && i + 2 < in.length && TransferEncoding.hex(in[i + 1]) >= 0 && TransferEncoding.hex(in[i + 2]) >= 0) {
        out[o++] = (byte) ((TransferEncoding.hex(in[i + 1]) << 4) | TransferEncoding.hex(in[i + 2]));
        i += 2;
      } else {
        out[o++] = c;
      }
    }
    return java.util.Arrays.copyOf(out, o);
  }

  private static byte[] latin1(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }

  /** Consecutive words of one label, collapsed as {@code decode_header} does. */
  private static final class Collapsed {
    final String charset;
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    Collapsed(byte[] first, String charset) {
      this.charset = charset;
      out.writeBytes(first);
    }

    void append(byte[] more, boolean plain) {
      if (plain) {
        out.write(' ');
      }
      out.writeBytes(more);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
