package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A header chunk's charset as CPython's {@code email.charset.Charset} sees it (R12.2): the label
 * after {@code ALIASES}, the header encoding from {@code CHARSETS} (Q, B or the shorter of the two,
 * or none for {@code us-ascii}), the output charset and codec, and
 * {@code header_encode_lines}. Immutable and thread-safe.
 */
record EmailCharset(String inputCharset, Encoding headerEncoding, String outputCharset,
    String outputCodec, OutputCodec codec) {

  /** {@code email.charset.QP}, {@code BASE64}, {@code SHORTEST} and "no encoding". */
  enum Encoding { NONE, QP, BASE64, SHORTEST }

  static final String UNKNOWN_8BIT = "unknown-8bit";

  /** Characters of {@code =?}, {@code ?q?} and {@code ?=} around every encoded word. */
  private static final int RFC2047_CHROME_LEN = 7;

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("latin_1", "iso-8859-1"), Map.entry("latin-1", "iso-8859-1"),
      Map.entry("latin_2", "iso-8859-2"), Map.entry("latin-2", "iso-8859-2"),
      Map.entry("latin_3", "iso-8859-3"), Map.entry("latin-3", "iso-8859-3"),
      Map.entry("latin_4", "iso-8859-4"), Map.entry("latin-4", "iso-8859-4"),
      Map.entry("latin_5", "iso-8859-9"), Map.entry("latin-5", "iso-8859-9"),
      Map.entry("latin_6", "iso-8859-10"), Map.entry("latin-6", "iso-8859-10"),
      Map.entry("latin_7", "iso-8859-13"), Map.entry("latin-7", "iso-8859-13"),
      Map.entry("latin_8", "iso-8859-14"), Map.entry("latin-8", "iso-8859-14"),
      Map.entry("latin_9", "iso-8859-15"), Map.entry("latin-9", "iso-8859-15"),
      Map.entry("latin_10", "iso-8859-16"), Map.entry("latin-10", "iso-8859-16"),
      Map.entry("cp949", "ks_c_5601-1987"), Map.entry("euc_jp", "euc-jp"),
      Map.entry("euc_kr", "euc-kr"), Map.entry("ascii", "us-ascii"));

  /** {@code email.charset.CHARSETS}: header encoding and output conversion per input charset. */
  private static final Map<String, Object[]> CHARSETS = Map.ofEntries(
      Map.entry("iso-8859-1", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-2", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-3", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-4", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-9", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-10", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-13", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-14", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-15", new Object[] {Encoding.QP, null}),
      Map.entry("iso-8859-16", new Object[] {Encoding.QP, null}),
      Map.entry("windows-1252", new Object[] {Encoding.QP, null}),
      Map.entry("viscii", new Object[] {Encoding.QP, null}),
      Map.entry("us-ascii", new Object[] {Encoding.NONE, null}),
      Map.entry("big5", new Object[] {Encoding.BASE64, null}),
      Map.entry("gb2312", new Object[] {Encoding.BASE64, null}),
      Map.entry("euc-jp", new Object[] {Encoding.BASE64, "iso-2022-jp"}),
      Map.entry("shift_jis", new Object[] {Encoding.BASE64, "iso-2022-jp"}),
      Map.entry("iso-2022-jp", new Object[] {Encoding.BASE64, null}),
      Map.entry("koi8-r", new Object[] {Encoding.BASE64, null}),
      Map.entry("utf-8", new Object[] {Encoding.SHORTEST, "utf-8"}));

  /** {@code email.charset.CODEC_MAP}. */
  private static final Map<String, String> CODEC_MAP =
      Map.of("gb2312", "eucgb2312_cn", "big5", "big5_tw");

  // After the tables above: static fields initialise in order.
  static final EmailCharset US_ASCII = of("us-ascii");
  static final EmailCharset UTF_8 = of("utf-8");

  /** {@code Charset(label)}: the label lowercased, then through the tables above. */
  static EmailCharset of(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    String input = ALIASES.getOrDefault(lower, lower);
    Object[] row = CHARSETS.getOrDefault(input, new Object[] {Encoding.SHORTEST, null});
    String conv = row[1] == null ? input : (String) row[1];
    String output = ALIASES.getOrDefault(conv, conv);
    String codec = CODEC_MAP.getOrDefault(output, output);
    return new EmailCharset(input, (Encoding) row[0], output, codec, OutputCodec.of(codec));
  }

  /** True where Python's {@code charset in (None, 'us-ascii')} holds. */
  boolean isAscii() {
    return inputCharset.equals("us-ascii");
  }

  boolean isUnknown8bit() {
    return outputCodec.equals(UNKNOWN_8BIT);
  }

  /** {@code email.charset._encode}: text to bytes with the output codec (surrogateescape for 8-bit). */
  byte[] encode(String text) {
    return codec.encode(text);
  }

  /**
   * {@code Charset.header_encode_lines}: the text as encoded words, each fitting the next length
   * from {@code maxLengths}; a null first element means nothing fitted on the current line.
   */
  List<String> headerEncodeLines(String text, IntSupplier maxLengths) {
    byte[] all = encode(text);
    boolean base64 = useBase64(all);
    int extra = outputCharset.length() + RFC2047_CHROME_LEN;
    List<String> lines = new ArrayList<>();
    int maxLen = maxLengths.getAsInt() - extra;
    int[] byteLengths = byteLengthsPerCodePoint(text, all.length);
    if (byteLengths == null) {
      return headerEncodeLinesSlowly(text, base64, extra, maxLen, maxLengths);
    }
    // Stateless codec: a line's bytes are the concatenation of its characters' bytes, so lengths
    // can be kept incrementally instead of re-encoding every prefix as CPython does.
    int lineStart = 0;
    int pos = 0;
    int qpLength = 0;
    for (int cp = 0; cp < byteLengths.length; cp++) {
      int n = byteLengths[cp];
      int addedQp = 0;
      for (int k = 0; k < n; k++) {
        addedQp += EncodedWord.qpLength(all[pos + k]);
      }
      int lineBytes = pos + n - lineStart;
      int length = base64 ? EncodedWord.base64Length(lineBytes) : qpLength + addedQp;
      if (length > maxLen) {
        if (lines.isEmpty() && pos == lineStart) {
          lines.add(null);
        } else {
          lines.add(encodedWord(all, lineStart, pos, base64));
        }
        lineStart = pos;
        qpLength = addedQp;
        maxLen = maxLengths.getAsInt() - extra;
      } else {
        qpLength += addedQp;
      }
      pos += n;
    }
    lines.add(encodedWord(all, lineStart, pos, base64));
    return lines;
  }

  /** CPython's own brute force, for stateful or multi-byte codecs (iso-2022-jp, big5, ...). */
  private List<String> headerEncodeLinesSlowly(String text, boolean base64, int extra, int maxLen,
      IntSupplier maxLengths) {
    List<String> lines = new ArrayList<>();
    int lineStart = 0;
    int i = 0;
    while (i < text.length()) {
      int next = i + Character.charCount(text.codePointAt(i));
      byte[] candidate = encode(text.substring(lineStart, next));
      int length = base64 ? EncodedWord.base64Length(candidate.length) : EncodedWord.qpLength(candidate);
      if (length > maxLen) {
        if (lines.isEmpty() && i == lineStart) {
          lines.add(null);
        } else {
          byte[] line = encode(text.substring(lineStart, i));
          lines.add(encodedWord(line, 0, line.length, base64));
        }
        lineStart = i;
        maxLen = maxLengths.getAsInt() - extra;
      }
      i = next;
    }
    byte[] line = encode(text.substring(lineStart));
    lines.add(encodedWord(line, 0, line.length, base64));
    return lines;
  }

  private String encodedWord(byte[] bytes, int from, int to, boolean base64) {
    return base64 ? EncodedWord.base64(outputCodec, bytes, from, to)
        : EncodedWord.q(outputCodec, bytes, from, to);
  }

  /** {@code Charset._get_encoder}: B where the table says so, or where it is strictly shorter. */
  private boolean useBase64(byte[] bytes) {
    switch (headerEncoding) {
      case BASE64: return true;
      case QP: return false;
      default: return EncodedWord.base64Length(bytes.length) < EncodedWord.qpLength(bytes);
    }
  }

  /** Bytes per code point where the codec is stateless and that count is known, else null. */
  private int[] byteLengthsPerCodePoint(String text, int totalBytes) {
    boolean singleByte = codec.singleByte();
    if (!isUnknown8bit() && !codec.utf8() && !singleByte) {
      return null;
    }
    int[] lengths = new int[text.codePointCount(0, text.length())];
    int sum = 0;
    int cp = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      int n;
      if (singleByte) {
        n = 1;
      } else if (c < 0x80 || (isUnknown8bit() && c >= 0xDC80 && c <= 0xDCFF)) {
        n = 1;
      } else {
        n = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      }
      lengths[cp++] = n;
      sum += n;
    }
    // Anything the codec did not encode one for one (unmappable characters) takes the slow path.
    return sum == totalBytes ? lengths : null;
  }
}
