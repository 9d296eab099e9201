package org.patchpipe.parser.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only reference for the stored header block (R12.1) that needs nothing from the mail
 * parser: CPython's compat32 header scan of the message bytes (R0.1), {@code decode_header} and
 * {@code sanitise_header}'s relabelling (R0.3 steps 1-2), then {@link HeaderEncoder}. Lets the
 * golden test check the encoder and {@link ApiHeaders} against the oracle on their own, and
 * cross-check the parser's own header chunking once it exists.
 */
final class ReferenceStoredHeaders {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]*?)\\?([qQbB])\\?(.*?)\\?=", Pattern.UNIX_LINES);
  private static final Pattern Q_ESCAPE = Pattern.compile("=([a-fA-F0-9]{2})");

  private ReferenceStoredHeaders() {}

  /** The stored block for a whole message: every header in order, omitted where undecodable. */
  static String of(byte[] message) {
    List<String> lines = new ArrayList<>();
    for (String[] header : scan(message)) {
      chunks(header[1]).flatMap(c -> HeaderEncoder.encode(header[0], c)).ifPresent(lines::add);
    }
    return String.join("\n", lines).replace("\u0000", "");
  }

  /** compat32 header scan: (name, raw value) with 8-bit bytes as U+DC80..U+DCFF. */
  static List<String[]> scan(byte[] message) {
    // message_from_binary_file reads through a universal-newline TextIOWrapper.
    String text = new String(message, StandardCharsets.ISO_8859_1)
        .replace("\r\n", "\n").replace('\r', '\n');
    List<String[]> headers = new ArrayList<>();
    String name = null;
    StringBuilder value = null;
    int lineNo = 0;
    for (int start = 0; start < text.length(); lineNo++) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(start, end);
      start = end;
      if (!isHeaderLine(line)) {
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (name != null) {
          value.append(line);
        }
        continue;
      }
      if (name != null) {
        headers.add(new String[] {name, finish(value)});
        name = null;
      }
      if (line.startsWith("From ")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon == 0) {
        continue;
      }
      name = line.substring(0, colon);
      String rest = line.substring(colon + 1);
      int i = 0;
      while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
        i++;
      }
      value = new StringBuilder(rest.substring(i));
    }
    if (name != null) {
      headers.add(new String[] {name, finish(value)});
    }
    return headers;
  }

  private static boolean isHeaderLine(String line) {
    char first = line.charAt(0);
    if (first == ' ' || first == '\t' || line.startsWith("From ")) {
      return true;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ':') {
        return true;
      }
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return false;
  }

  /** rstrip('\r\n'), then latin-1 chars >= 0x80 to surrogateescape form. */
  private static String finish(StringBuilder value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
      end--;
    }
    StringBuilder out = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x80 ? (char) (0xDC00 + c) : c);
    }
    return out.toString();
  }

  /** decode_header + make_header with Patchwork's fallback; empty where the header is dropped. */
  static Optional<List<HeaderChunk>> chunks(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) >= 0xDC80 && raw.charAt(i) <= 0xDCFF) {
        return Optional.of(List.of(new HeaderChunk(raw, "unknown-8bit")));
      }
    }
    if (!ENCODED_WORD.matcher(raw).find()) {
      return Optional.of(List.of(new HeaderChunk(raw, "us-ascii")));
    }
    List<String[]> words = new ArrayList<>(); // {text, encoding or null, charset or null}
    for (String line : PythonText.splitLines(raw)) {
      Matcher m = ENCODED_WORD.matcher(line);
      int at = 0;
      boolean first = true;
      while (true) {
        boolean found = m.find();
        String plain = line.substring(at, found ? m.start() : line.length());
        if (first) {
          plain = PythonText.lstrip(plain);
          first = false;
        }
        if (!plain.isEmpty()) {
          words.add(new String[] {plain, null, null});
        }
        if (!found) {
          break;
        }
        words.add(new String[] {m.group(3), m.group(2).toLowerCase(), m.group(1).toLowerCase()});
        at = m.end();
      }
    }
    List<Integer> drop = new ArrayList<>();
    for (int n = 2; n < words.size(); n++) {
      if (words.get(n)[1] != null && words.get(n - 2)[1] != null && isSpace(words.get(n - 1)[0])) {
        drop.add(n - 1);
      }
    }
    for (int d = drop.size() - 1; d >= 0; d--) {
      words.remove((int) drop.get(d));
    }
    List<byte[]> bytes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String[] w : words) {
      byte[] decoded;
      if (w[1] == null) {
        decoded = w[0].getBytes(StandardCharsets.ISO_8859_1);
      } else if (w[1].equals("q")) {
        Matcher q = Q_ESCAPE.matcher(w[0].replace('_', ' '));
        StringBuilder out = new StringBuilder();
        while (q.find()) {
          q.appendReplacement(out, "");
          out.append((char) Integer.parseInt(q.group(1), 16));
        }
        q.appendTail(out);
        decoded = out.toString().getBytes(StandardCharsets.ISO_8859_1);
      } else {
        decoded = base64(w[0]);
        if (decoded == null) {
          return Optional.empty();
        }
      }
      int last = labels.size() - 1;
      if (last >= 0 && java.util.Objects.equals(labels.get(last), w[2])) {
        byte[] prev = bytes.get(last);
        byte[] sep = w[2] == null ? new byte[] {' '} : new byte[0];
        byte[] joined = new byte[prev.length + sep.length + decoded.length];
        System.arraycopy(prev, 0, joined, 0, prev.length);
        System.arraycopy(sep, 0, joined, prev.length, sep.length);
        System.arraycopy(decoded, 0, joined, prev.length + sep.length, decoded.length);
        bytes.set(last, joined);
      } else {
        bytes.add(decoded);
        labels.add(w[2]);
      }
    }
    List<HeaderChunk> chunks = new ArrayList<>();
    for (int i = 0; i < bytes.size(); i++) {
      Optional<String> text = append(bytes.get(i), labels.get(i));
      if (text.isEmpty()) {
        List<HeaderChunk> relabelled = new ArrayList<>();
        for (byte[] b : bytes) {
          relabelled.add(new HeaderChunk(surrogateEscape(b), "unknown-8bit"));
        }
        return Optional.of(relabelled);
      }
      chunks.add(new HeaderChunk(text.get(), labels.get(i) == null ? "us-ascii" : labels.get(i)));
    }
    return Optional.of(chunks);
  }

  /** Header.append for bytes: decode with the input codec, check the output codec takes it. */
  private static Optional<String> append(byte[] bytes, String label) {
    EmailCharset charset = EmailCharset.of(label == null ? "us-ascii" : label);
    String inputCodec = charset.inputCharset().equals("gb2312") ? "eucgb2312_cn"
        : charset.inputCharset().equals("big5") ? "big5_tw" : charset.inputCharset();
    if (inputCodec.equals("unknown-8bit")) {
      return Optional.of(surrogateEscape(bytes));
    }
    Optional<String> text = PythonCharsets.lookup(inputCodec).flatMap(c -> c.decode(bytes));
    if (text.isEmpty() || charset.outputCodec().equals("unknown-8bit") || charset.isAscii()) {
      return text;
    }
    // The output codec must take the text back (euc-jp and shift_jis go out as iso-2022-jp).
    Optional<String> roundTrip = PythonCharsets.lookup(charset.outputCodec())
        .flatMap(c -> c.decode(charset.encode(text.get())));
    return roundTrip.isPresent() && roundTrip.get().equals(text.get()) ? text : Optional.empty();
  }

  private static String surrogateEscape(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      out.append(b >= 0 ? (char) b : (char) (0xDC00 + (b & 0xFF)));
    }
    return out.toString();
  }

  private static boolean isSpace(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!PythonText.isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Python's padding repair plus binascii.a2b_base64 (non-strict); null where it raises. */
  private static byte[] base64(String encoded) {
    int padErr = encoded.length() % 4;
    if (padErr != 0) {
      encoded = encoded + "===".substring(0, 4 - padErr);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int quadPos = 0;
    int leftChar = 0;
    int pads = 0;
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '=') {
        if (quadPos >= 2 && quadPos + ++pads >= 4) {
          return out.toByteArray();
        }
        continue;
      }
      int v = c < 128 ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(c) : -1;
      if (v < 0) {
        continue;
      }
      pads = 0;
      switch (quadPos) {
        case 0: quadPos = 1; leftChar = v; break;
        case 1: quadPos = 2; out.write((leftChar << 2) | (v >> 4)); leftChar = v & 0x0F; break;
        case 2: quadPos = 3; out.write(((leftChar << 4) | (v >> 2)) & 0xFF); leftChar = v & 0x03; break;
        default: quadPos = 0; out.write(((leftChar << 6) | v) & 0xFF); leftChar = 0;
      }
    }
    return quadPos == 0 ? out.toByteArray() : null;
  }
}
