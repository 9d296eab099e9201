package org.patchpipe.parser.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull parser over a mail's bytes that finds its headers and MIME entities the way CPython's
 * {@code email.feedparser} (compat32) does (R0.1): lines end at CRLF, CR or LF; a header block ends
 * at an empty line or at the first line that is not a header; multipart bodies are split at {@code
 * --boundary} lines (any enclosing boundary also ends an inner part), the newline before a boundary
 * belongs to the boundary, and {@code message/*} bodies are parsed as nested messages. Nothing is
 * copied: parts point into the input. Bounded by a header count and a nesting depth. Single use.
 *
 * <pre>{@code
 * MimeMessage mail = MimeWalker.walk(bytes, 10_000, 32);
 * }</pre>
 */
public final class MimeWalker {
  private static final byte[] FROM_ = "From ".getBytes(StandardCharsets.US_ASCII);

  private final byte[] buf;
  private final int end;
  private final int maxHeaders;
  private final int maxDepth;
  private final List<byte[]> boundaries = new ArrayList<>();
  private final List<MimePart> parts = new ArrayList<>();
  private int pos;
  private int headersDropped;
  private boolean depthLimited;
  private MailHeaders topHeaders;
  /** The only header names to keep (lower case ASCII), or null for all. */
  private String[] wanted;

  private MimeWalker(byte[] buf, int maxHeaders, int maxDepth) {
    this.buf = buf;
    this.end = buf.length;
    this.maxHeaders = maxHeaders;
    this.maxDepth = maxDepth;
  }

  /** Walks {@code mail}; never throws for malformed input. */
  public static MimeMessage walk(byte[] mail, int maxHeaders, int maxDepth) {
    MimeWalker w = new MimeWalker(mail, maxHeaders, maxDepth);
    w.entity("text/plain", 0);
    return new MimeMessage(w.topHeaders, w.parts, w.headersDropped, w.depthLimited);
  }

  /**
   * Of the top-level header block of {@code mail} alone ({@code mail} already in universal
   * newlines), the headers named {@code names} (ASCII, any case): what {@link #walk} would give in
   * {@link MimeMessage#headers()} for them, without reading the body or making text of any other
   * header. Every header still counts towards {@code maxHeaders}.
   */
  public static MailHeaders headers(byte[] mail, int maxHeaders, String... names) {
    MimeWalker w = new MimeWalker(mail, maxHeaders, 1);
    w.wanted = names;
    return w.headers();
  }

  /**
   * Parses one entity (headers and body) at {@code pos}. Returns the slot of the entity CPython
   * calls {@code _last} afterwards (the last one created, or a multipart whose parts were read):
   * the one whose final newline the next boundary takes.
   */
  private int entity(String defaultType, int depth) {
    MailHeaders headers = headers();
    if (topHeaders == null) {
      topHeaders = headers;
    }
    MailHeader ctHeader = headers.first("Content-Type");
    String ctype = ContentType.type(ctHeader, defaultType);
    int slot = parts.size();
    parts.add(null);
    int bodyStart = pos;
    boolean nested = ctype.startsWith("message/") && !ctype.equals("message/delivery-status");
    boolean multipart = ctype.startsWith("multipart/");
    if ((nested || multipart) && depth >= maxDepth) {
      depthLimited = true;
      nested = false;
      multipart = false;
    }
    if (nested) {
      int last = entity("text/plain", depth + 1);
      parts.set(slot, new MimePart(headers, ctype, true, buf, bodyStart, pos));
      return last;
    }
    String boundary = multipart ? ContentType.boundary(ctHeader) : null;
    if (boundary != null && multipart(headers, ctype, boundary, slot, depth)) {
      return slot;
    }
    pos = bodyStart;
    int bodyEnd = skipToBoundary();
    parts.set(slot, new MimePart(headers, ctype, false, buf, bodyStart, bodyEnd));
    return slot;
  }

  /** Returns false where no start boundary was found (the entity is then a leaf). */
  private boolean multipart(MailHeaders headers, String ctype, String boundary, int slot, int depth) {
    byte[] sep = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
    String childDefault = ctype.equals("multipart/digest") ? "message/rfc822" : "text/plain";
    int bodyStart = pos;
    boolean preamble = true;
    while (pos < end) {
      int lineEnd = nextLine(pos);
      if (atEnclosingBoundary(pos, lineEnd)) {
        break;
      }
      int m = boundaryMatch(sep, pos, lineEnd);
      if (m == 2) {
        pos = lineEnd;
        skipToBoundary();
        break;
      }
      if (m == 0) {
        pos = lineEnd;
        continue;
      }
      preamble = false;
      pos = lineEnd;
      while (pos < end) {
        int e = nextLine(pos);
        if (atEnclosingBoundary(pos, e) || boundaryMatch(sep, pos, e) == 0) {
          break;
        }
        pos = e;
      }
      boundaries.add(sep);
      int last = entity(childDefault, depth + 1);
      boundaries.remove(boundaries.size() - 1);
      MimePart lastPart = parts.get(last);
      if (lastPart != null && !lastPart.container() && !lastPart.maintype().equals("multipart")) {
        parts.set(last, lastPart.withoutFinalNewline());
      }
    }
    if (preamble) {
      return false;
    }
    parts.set(slot, new MimePart(headers, ctype, true, buf, bodyStart, pos));
    return true;
  }

  /** Advances to the next line matching an enclosing boundary (or the end); returns that index. */
  private int skipToBoundary() {
    if (boundaries.isEmpty()) {
      pos = end;
      return end;
    }
    while (pos < end) {
      int lineEnd = nextLine(pos);
      if (buf[pos] == '-' && atEnclosingBoundary(pos, lineEnd)) {
        return pos;
      }
      pos = lineEnd;
    }
    return end;
  }

  private boolean atEnclosingBoundary(int from, int to) {
    if (to - from < 2 || buf[from] != '-' || buf[from + 1] != '-') {
      return false;
    }
    for (int i = boundaries.size() - 1; i >= 0; i--) {
      if (boundaryMatch(boundaries.get(i), from, to) != 0) {
        return true;
      }
    }
    return false;
  }

  /** 0 = no match, 1 = part boundary, 2 = close boundary ({@code boundaryendRE}). */
  private int boundaryMatch(byte[] sep, int from, int to) {
    if (to - from < sep.length) {
      return 0;
    }
    for (int i = 0; i < sep.length; i++) {
      if (buf[from + i] != sep[i]) {
        return 0;
      }
    }
    int p = from + sep.length;
    int kind = 1;
    if (p + 1 < to && buf[p] == '-' && buf[p + 1] == '-' && restIsBlank(p + 2, to)) {
      return 2;
    }
    return restIsBlank(p, to) ? kind : 0;
  }

  private boolean restIsBlank(int p, int to) {
    while (p < to && (buf[p] == ' ' || buf[p] == '\t')) {
      p++;
    }
    int rest = to - p;
    return rest == 0
        || (rest == 1 && (buf[p] == '\n' || buf[p] == '\r'))
        || (rest == 2 && buf[p] == '\r' && buf[p + 1] == '\n');
  }

  private int nextLine(int p) {
    for (int i = p; i < end; i++) {
      byte b = buf[i];
      if (b == '\n') {
        return i + 1;
      }
      if (b == '\r') {
        return i + 1 < end && buf[i + 1] == '\n' ? i + 2 : i + 1;
      }
    }
    return end;
  }

  /** Reads a header block at {@code pos} ({@code feedparser._parsegen} and {@code _parse_headers}). */
  private MailHeaders headers() {
    List<int[]> lines = new ArrayList<>();
    while (pos < end) {
      int lineEnd = nextLine(pos);
      if (atEnclosingBoundary(pos, lineEnd)) {
        break;
      }
      if (!isHeaderLine(pos, lineEnd)) {
        if (buf[pos] == '\n' || buf[pos] == '\r') {
          pos = lineEnd;
        }
        break;
      }
      lines.add(new int[] {pos, lineEnd});
      pos = lineEnd;
    }
    List<MailHeader> headers = new ArrayList<>();
    int[] count = {0};
    int nameEnd = -1;
    int valueStart = -1;
    int valueEnd = -1;
    int headerStart = -1;
    for (int n = 0; n < lines.size(); n++) {
      int ls = lines.get(n)[0];
      int le = lines.get(n)[1];
      byte first = buf[ls];
      if (first == ' ' || first == '\t') {
        if (headerStart >= 0) {
          valueEnd = le;
        }
        continue;
      }
      if (headerStart >= 0) {
        add(headers, count, headerStart, nameEnd, valueStart, valueEnd);
        headerStart = -1;
      }
      if (startsWith(ls, le, FROM_)) {
        if (n == lines.size() - 1 && n > 0) {
          pos = ls;
          return new MailHeaders(headers);
        }
        continue;
      }
      int colon = ls;
      while (buf[colon] != ':') {
        colon++;
      }
      if (colon == ls) {
        continue;
      }
      headerStart = ls;
      nameEnd = colon;
      valueStart = colon + 1;
      while (valueStart < le && (buf[valueStart] == ' ' || buf[valueStart] == '\t')) {
        valueStart++;
      }
      valueEnd = le;
    }
    if (headerStart >= 0) {
      add(headers, count, headerStart, nameEnd, valueStart, valueEnd);
    }
    return new MailHeaders(headers);
  }

  private void add(List<MailHeader> headers, int[] count, int start, int nameEnd, int valueStart, int valueEnd) {
    if (count[0]++ >= maxHeaders) {
      headersDropped++;
      return;
    }
    if (wanted != null && !isWanted(start, nameEnd)) {
      return;
    }
    while (valueEnd > valueStart && (buf[valueEnd - 1] == '\n' || buf[valueEnd - 1] == '\r')) {
      valueEnd--;
    }
    headers.add(new MailHeader(escaped(start, nameEnd), escaped(valueStart, valueEnd)));
  }

  private boolean isWanted(int start, int nameEnd) {
    for (String name : wanted) {
      if (name.length() == nameEnd - start && sameIgnoringAsciiCase(start, name)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameIgnoringAsciiCase(int start, String name) {
    for (int i = 0; i < name.length(); i++) {
      int b = buf[start + i] & 0xFF;
      int c = name.charAt(i);
      if (b != c && lower(b) != lower(c)) {
        return false;
      }
    }
    return true;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** Bytes as Python's ascii/surrogateescape text. */
  private String escaped(int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to && ascii; i++) {
      ascii = buf[i] >= 0;
    }
    if (ascii) {
      return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[to - from];
    for (int i = from; i < to; i++) {
      int b = buf[i] & 0xFF;
      out[i - from] = b < 0x80 ? (char) b : (char) (0xDC00 | b);
    }
    return new String(out);
  }

  /** {@code ^(From |[\041-\071\073-\176]*:|[\t ])}. */
  private boolean isHeaderLine(int ls, int le) {
    byte first = buf[ls];
    if (first == ' ' || first == '\t') {
      return true;
    }
    if (startsWith(ls, le, FROM_)) {
      return true;
    }
    for (int i = ls; i < le; i++) {
      byte b = buf[i];
      if (b == ':') {
        return true;
      }
      if (b < 0x21 || b > 0x7E) {
        return false;
      }
    }
    return false;
  }

  private boolean startsWith(int ls, int le, byte[] prefix) {
    if (le - ls < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[ls + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
