package org.patchpipe.parser.mail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Content-Transfer-Encoding decoding as CPython's {@code Message.get_payload(decode=True)} does it
 * (R0.1): lenient base64 ({@code email._encoded_words.decode_b}: junk ignored, padding repaired,
 * the raw text where nothing helps), quoted-printable ({@code binascii.a2b_qp}) and uuencode; any
 * other encoding gives the raw bytes. Never throws for bad input.
 */
public final class TransferEncoding {
  private static final byte[] B64 = new byte[256];

  static {
    Arrays.fill(B64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      B64[alphabet.charAt(i)] = (byte) i;
    }
  }

  private TransferEncoding() {}

  /** Whether {@code cte} (lowercased) changes the bytes at all. */
  public static boolean transforms(String cte) {
    switch (cte) {
      case "base64":
      case "quoted-printable":
      case "x-uuencode":
      case "uuencode":
      case "uue":
      case "x-uue":
        return true;
      default:
        return false;
    }
  }

  /** Decodes {@code buf[off, off+len)} for the lowercased (unstripped) encoding name. */
  public static byte[] decode(String cte, byte[] buf, int off, int len) {
    switch (cte) {
      case "base64":
        return base64Body(buf, off, len);
      case "quoted-printable":
        return quotedPrintable(buf, off, len, false);
      case "x-uuencode":
      case "uuencode":
      case "uue":
      case "x-uue":
        byte[] uu = uudecode(buf, off, len);
        return uu != null ? uu : Arrays.copyOfRange(buf, off, off + len);
      default:
        return Arrays.copyOfRange(buf, off, off + len);
    }
  }

  /** {@code decode_b(b''.join(payload.splitlines()))}. */
  static byte[] base64Body(byte[] buf, int off, int len) {
    byte[] joined = new byte[len];
    int n = 0;
    for (int i = off, end = off + len; i < end; i++) {
      byte b = buf[i];
      if (b != '\n' && b != '\r') {
        joined[n++] = b;
      }
    }
    byte[] fast = canonicalBase64(joined, n);
    if (fast != null) {
      return fast;
    }
    byte[] encoded = n == len ? joined : Arrays.copyOf(joined, n);
    int padErr = n % 4;
    if (onlyAlphabetThenPadding(encoded, padErr == 0 ? 0 : 4 - padErr)) {
      byte[] padded = Arrays.copyOf(encoded, n + (padErr == 0 ? 0 : 4 - padErr));
      Arrays.fill(padded, n, padded.length, (byte) '=');
      byte[] r = a2bBase64(padded, padded.length);
      if (r != null) {
        return r;
      }
    }
    byte[] r = a2bBase64(encoded, n);
    if (r != null) {
      return r;
    }
    byte[] padded = Arrays.copyOf(encoded, n + 2);
    padded[n] = '=';
    padded[n + 1] = '=';
    r = a2bBase64(padded, padded.length);
    return r != null ? r : encoded;
  }

  /**
   * The common case in one pass: only alphabet characters, a multiple of four with at most two
   * final {@code =}; gives what the general path gives for such input. Null otherwise.
   */
  private static byte[] canonicalBase64(byte[] s, int n) {
    if (n % 4 != 0) {
      return null;
    }
    int pads = 0;
    if (n > 0 && s[n - 1] == '=') {
      pads = n > 1 && s[n - 2] == '=' ? 2 : 1;
    }
    int full = n - (pads > 0 ? 4 : 0);
    byte[] out = new byte[n / 4 * 3 - pads];
    int o = 0;
    for (int i = 0; i < full; i += 4) {
      int a = B64[s[i] & 0xFF];
      int b = B64[s[i + 1] & 0xFF];
      int c = B64[s[i + 2] & 0xFF];
      int d = B64[s[i + 3] & 0xFF];
      if ((a | b | c | d) < 0) {
        return null;
      }
      int v = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = (byte) (v >> 16);
      out[o++] = (byte) (v >> 8);
      out[o++] = (byte) v;
    }
    if (pads > 0) {
      int a = B64[s[full] & 0xFF];
      int b = B64[s[full + 1] & 0xFF];
      int c = pads == 1 ? B64[s[full + 2] & 0xFF] : 0;
      if ((a | b | c) < 0) {
        return null;
      }
      int v = (a << 18) | (b << 12) | (c << 6);
      out[o++] = (byte) (v >> 16);
      if (pads == 1) {
        out[o++] = (byte) (v >> 8);
      }
    }
    return out;
  }

  /** {@code re.fullmatch(b'[A-Za-z0-9+/]*={0,2}', encoded + pad*'=')}. */
  private static boolean onlyAlphabetThenPadding(byte[] s, int extraPad) {
    int i = 0;
    while (i < s.length && B64[s[i] & 0xFF] >= 0) {
      i++;
    }
    int pads = 0;
    while (i < s.length && s[i] == '=') {
      i++;
      pads++;
    }
    return i == s.length && pads + extraPad <= 2;
  }

  /**
   * CPython's non-strict {@code binascii.a2b_base64}: skips characters outside the alphabet and
   * stops at completing padding; null where it raises (a dangling 1, 2 or 3 data characters).
   */
  public static byte[] a2bBase64(byte[] s, int len) {
    byte[] out = new byte[len / 4 * 3 + 3];
    int o = 0;
    int quadPos = 0;
    int leftchar = 0;
    int pads = 0;
    for (int i = 0; i < len; i++) {
      int c = s[i] & 0xFF;
      if (c == '=') {
        if (quadPos >= 2 && quadPos + ++pads >= 4) {
          return Arrays.copyOf(out, o);
        }
        continue;
      }
      int v = B64[c];
      if (v < 0) {
        continue;
      }
      // As binascii does: a data character ends a run of pads ("a=b" is not "ab" padded).
      pads = 0;
      switch (quadPos) {
        case 0:
          quadPos = 1;
          leftchar = v;
          break;
        case 1:
          quadPos = 2;
          out[o++] = (byte) ((leftchar << 2) | (v >> 4));
          leftchar = v & 0x0F;
          break;
        case 2:
          quadPos = 3;
          out[o++] = (byte) ((leftchar << 4) | (v >> 2));
          leftchar = v & 0x03;
          break;
        default:
          quadPos = 0;
          out[o++] = (byte) ((leftchar << 6) | v);
          leftchar = 0;
          break;
      }
    }
    if (quadPos != 0) {
      return null;
    }
    return Arrays.copyOf(out, o);
  }

  /** CPython's {@code binascii.a2b_qp}; {@code header} turns {@code _} into a space. */
  public static byte[] quotedPrintable(byte[] s, int off, int len, boolean header) {
    byte[] out = new byte[len];
    int o = 0;
    int i = off;
    int end = off + len;
    while (i < end) {
      byte c = s[i];
      if (c == '=') {
        i++;
        if (i >= end) {
          break;
        }
        byte d = s[i];
        if (d == '\n' || d == '\r') {
          if (d != '\n') {
            while (i < end && s[i] != '\n') {
              i++;
            }
          }
          if (i < end) {
            i++;
          }
        } else if (d == '=') {
          out[o++] = '=';
          i++;
        } else if (i + 1 < end && hex(d) >= 0 && hex(s[i + 1]) >= 0) {
          out[o++] = (byte) ((hex(d) << 4) | hex(s[i + 1]));
          i += 2;
        } else {
          out[o++] = '=';
        }
      } else if (header && c == '_') {
        out[o++] = ' ';
        i++;
      } else {
        out[o++] = c;
        i++;
      }
    }
    return Arrays.copyOf(out, o);
  }

  static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** CPython's {@code email.message._decode_uu}, or null where it raises. */
  static byte[] uudecode(byte[] buf, int off, int len) {
    int end = off + len;
    int i = off;
    boolean begun = false;
    while (i < end && !begun) {
      int eol = lineEnd(buf, i, end);
      if (startsWith(buf, i, eol, "begin ")) {
        int p = i + 6;
        int q = p;
        while (q < eol && buf[q] != ' ') {
          q++;
        }
        begun = q > p && isOctal(buf, p, q);
      }
      i = next(buf, eol, end);
    }
    if (!begun) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (i < end) {
      int eol = lineEnd(buf, i, end);
      if (eol == i) {
        return null;
      }
      if (isEndLine(buf, i, eol)) {
        break;
      }
      int n = ((buf[i] - 32) & 63);
      int p = i + 1;
      int acc = 0;
      int bits = 0;
      int written = 0;
      while (written < n) {
        int v = p < eol ? ((buf[p] - 32) & 63) : 0;
        p++;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.write((acc >> bits) & 0xFF);
          written++;
        }
      }
      i = next(buf, eol, end);
    }
    return out.toByteArray();
  }

  /** {@code line.strip(b' \t\r\n\f') == b'end'}. */
  private static boolean isEndLine(byte[] b, int from, int to) {
    while (from < to && isUuSpace(b[from])) {
      from++;
    }
    while (to > from && isUuSpace(b[to - 1])) {
      to--;
    }
    return to - from == 3 && b[from] == 'e' && b[from + 1] == 'n' && b[from + 2] == 'd';
  }

  private static boolean isUuSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
  }

  private static boolean isOctal(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '7') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int lineEnd(byte[] b, int from, int end) {
    int i = from;
    while (i < end && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }

  private static int next(byte[] b, int eol, int end) {
    if (eol < end && b[eol] == '\r' && eol + 1 < end && b[eol + 1] == '\n') {
      return eol + 2;
    }
    return Math.min(end, eol + 1);
  }
}
