package org.patchpipe.store.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL path segments as Patchwork writes message ids into its URLs (R12.6) and
 * the matching decoding of request paths. Stateless.
 */
public final class PercentCoding {
  private static final String PATH_SAFE = "_.-~!$&'()*+,;=:@/";

  private PercentCoding() {}

  /**
   * The path form of a Message-ID (R12.6): angle brackets stripped, {@code /} written as
   * {@code %2F}, then UTF-8 percent-encoded leaving letters, digits and {@code _.-~!$&'()*+,;=:@/}.
   */
  public static String msgidPath(String msgid) {
    return encodePath(stripBrackets(msgid).replace("/", "%2F"));
  }

  /** The Message-ID without all its leading {@code <} and trailing {@code >} characters. */
  public static String stripBrackets(String msgid) {
    int start = 0;
    int end = msgid.length();
    while (start < end && msgid.charAt(start) == '<') {
      start++;
    }
    while (end > start && msgid.charAt(end - 1) == '>') {
      end--;
    }
    return msgid.substring(start, end);
  }

  /**
   * UTF-8 percent-encoding of a path, leaving letters, digits and {@code _.-~!$&'()*+,;=:@/}: what
   * Django's {@code reverse()} does to the values it puts in a URL (e.g. a bundle's name).
   */
  public static String encodePath(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || (c < 128 && PATH_SAFE.indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} escapes as UTF-8; a malformed escape stays as written. */
  public static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
