package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-encodes and folds one header as Patchwork stores it (R12.2): a port of CPython 3.11's
 * {@code email.header.make_header(chunks, header_name=name, continuation_ws='\t').encode()} with
 * line length 78, split characters {@code ;, \t} and LF separators, including its choice of Q or
 * B encoding per charset and its embedded-header check. Stateless and thread-safe; never throws
 * for any chunk text.
 *
 * <pre>{@code
 * HeaderEncoder.encode("Subject", List.of(new HeaderChunk("caf\u00e9", "utf-8")))
 *     // Optional["Subject: =?utf-8?q?caf=C3=A9?="]
 * }</pre>
 *
 * <p>An ASCII value that fits on its line and has no line breaks is returned without any
 * intermediate allocation, which is the case for most headers of most mails.
 */
public final class HeaderEncoder {
  private static final int MAX_LINE_LENGTH = 78;
  private static final String CONTINUATION_WS = "\t";
  /** Built once: a charset's output codec table is 256 lookups, too many to repeat per header. */
  private static final Map<String, EmailCharset> COMMON_CHARSETS = commonCharsets(
      "utf-8", "unknown-8bit", "iso-8859-1", "iso-8859-2", "iso-8859-15", "windows-1252", "koi8-r",
      "utf8", "latin1", "us-ascii");

  private HeaderEncoder() {}

  /**
   * The stored line {@code Name: value} (possibly several LF-separated lines), or empty where the
   * result fails the embedded-header check and Patchwork omits the header.
   */
  public static Optional<String> encode(String name, List<HeaderChunk> chunks) {
    if (chunks.size() == 1) {
      HeaderChunk only = chunks.get(0);
      if (isPlainAsciiLabel(only.charset())) {
        if (fitsVerbatim(name, only.text())) {
          return Optional.of(name + ": " + only.text());
        }
        if (isSingleLongWord(name.length() + 2, only.text())) {
          // What fold() gives for one unsplittable word too long for the name's line (a long
          // Message-ID or X-Google-Smtp-Source): an empty first line, then the word on its own.
          return Optional.of(name + ": \n " + only.text());
        }
        String lines = foldFittingAsciiLines(name.length() + 2, only.text());
        if (lines != null) {
          return hasEmbeddedHeader(lines) ? Optional.empty() : Optional.of(name + ": " + lines);
        }
      }
    }
    String value = chunks.size() == 1 && isPlainAsciiLabel(chunks.get(0).charset())
        && isAscii(chunks.get(0).text())
        ? foldPlainLines(name.length() + 2, chunks.get(0).text())
        : null;
    if (value == null) {
      value = fold(name.length() + 2, normalize(chunks));
    }
    if (hasEmbeddedHeader(value)) {
      return Optional.empty();
    }
    return Optional.of(name + ": " + value);
  }

  /**
   * Whether Patchwork's {@code sanitise_header(value)} without a header name accepts these chunks,
   * i.e. {@code make_header(chunks).encode()} passes the embedded-header check: R0.3 step 4, where
   * a header that fails is "undecodable".
   */
  public static boolean encodable(List<HeaderChunk> chunks) {
    if (chunks.size() == 1 && isPlainAsciiLabel(chunks.get(0).charset())
        && fitsVerbatim("", chunks.get(0).text())) {
      return true;
    }
    return !hasEmbeddedHeader(fold(0, normalize(chunks)));
  }

  /**
   * Whether CPython's {@code Header.append} takes this decoded chunk: its text must encode with
   * the output codec of its charset ({@code euc-jp} and {@code shift_jis} go out as
   * {@code iso-2022-jp}, which lacks half-width katakana and JIS X 0212). Where a chunk is refused,
   * Patchwork relabels every chunk of the header {@code unknown-8bit} (R0.3 step 2).
   */
  public static boolean appendable(HeaderChunk chunk) {
    EmailCharset charset = charsetOf(chunk.charset());
    // A us-ascii chunk that is not ASCII is not refused: Header.append switches it to UTF-8.
    return charset.isAscii() || charset.codec().canEncode(chunk.text());
  }

  /** A chunk of {@code Header._chunks}: its text and its charset. */
  private record Chunk(String text, EmailCharset charset) {}

  /**
   * {@code Header.append} for each chunk (an ASCII-labelled chunk that is not ASCII becomes
   * UTF-8), then {@code Header._normalize}: runs of one charset joined with a space.
   */
  private static List<Chunk> normalize(List<HeaderChunk> chunks) {
    List<Chunk> out = new ArrayList<>(chunks.size());
    for (HeaderChunk chunk : chunks) {
      EmailCharset charset = charsetOf(chunk.charset());
      if (charset.isAscii() && !isAscii(chunk.text())) {
        charset = EmailCharset.UTF_8;
      }
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).charset().inputCharset().equals(charset.inputCharset())) {
        out.set(last, new Chunk(out.get(last).text() + " " + chunk.text(), charset));
      } else {
        out.add(new Chunk(chunk.text(), charset));
      }
    }
    return out;
  }

  /** {@code Header.encode}'s loop over chunks, with its rules for spaces at charset changes. */
  private static String fold(int headerLen, List<Chunk> chunks) {
    HeaderFolder folder = new HeaderFolder(headerLen, MAX_LINE_LENGTH, CONTINUATION_WS);
    boolean first = true;
    EmailCharset lastCharset = null;
    boolean lastSpace = false;
    for (Chunk chunk : chunks) {
      String text = chunk.text();
      EmailCharset charset = chunk.charset();
      if (!first) {
        boolean hasSpace = !text.isEmpty() && isNonCtext(text.charAt(0));
        if (!lastCharset.isAscii()) {
          if (!hasSpace || !charset.isAscii()) {
            folder.addTransition();
          }
        } else if (!charset.isAscii() && !lastSpace) {
          folder.addTransition();
        }
      }
      first = false;
      lastSpace = !text.isEmpty() && isNonCtext(text.charAt(text.length() - 1));
      lastCharset = charset;
      List<String> lines = PythonText.splitLines(text);
      boolean plain = charset.headerEncoding() == EmailCharset.Encoding.NONE;
      if (plain) {
        // An unencoded line is fed as its leading whitespace plus the rest, which is the line.
        folder.feedPlain(lines.isEmpty() ? "" : lines.get(0));
      } else {
        folder.feed("", lines.isEmpty() ? "" : lines.get(0), charset);
      }
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        folder.newline();
        if (plain) {
          folder.feedPlain(line);
        } else {
          folder.feed(CONTINUATION_WS, " " + PythonText.lstrip(line), charset);
        }
      }
      if (lines.size() > 1) {
        folder.newline();
      }
    }
    if (!chunks.isEmpty()) {
      folder.addTransition();
    }
    return folder.result("\n");
  }

  /**
   * What {@link #fold} gives for one ASCII chunk of several lines, with the lines that fit where
   * they start taken whole; null for a single line, where no newline() follows the text.
   */
  private static String foldPlainLines(int headerLen, String text) {
    List<String> lines = PythonText.splitLines(text);
    if (lines.size() <= 1) {
      return null;
    }
    HeaderFolder folder = new HeaderFolder(headerLen, MAX_LINE_LENGTH, CONTINUATION_WS);
    for (String line : lines) {
      folder.addFittingLine(line);
    }
    folder.addTransition();
    return folder.result("\n");
  }

  /**
   * What {@link #fold} gives for one ASCII chunk whose every line already fits (a folded
   * {@code Received} or {@code References} as received), without splitting lines into pieces; null
   * where a line is too long or the text is not ASCII. Each line goes through
   * {@code _ValueFormatter.newline()} unsplit, so its quirks apply: a line's last whitespace run is
   * dropped where it is exactly one space, empty lines vanish, and a whitespace-only line is glued
   * to the line before.
   */
  private static String foldFittingAsciiLines(int headerLen, String text) {
    // One index scan instead of splitlines(): this path serves most multi-line headers.
    int n = text.length();
    int lineStart = 0;
    int lineCount = 0;
    int firstEnd = -1;
    int limit = MAX_LINE_LENGTH - headerLen;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      if (isAsciiLineBreak(c)) {
        if (i - lineStart > limit) {
          return null;
        }
        if (firstEnd < 0) {
          firstEnd = i;
        }
        lineCount++;
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        lineStart = i + 1;
        limit = MAX_LINE_LENGTH;
      }
    }
    if (lineStart < n) {
      if (n - lineStart > limit) {
        return null;
      }
      if (firstEnd < 0) {
        firstEnd = n;
      }
      lineCount++;
    }
    if (lineCount <= 1) {
      // One line: no newline() between lines, so the text stays as it is (bar a final break).
      return lineCount == 0 ? "" : text.substring(0, firstEnd);
    }
    StringBuilder out = new StringBuilder(n + 8);
    boolean anyLine = false;
    boolean first = true;
    int start = 0;
    while (start < n) {
      int lineEnd = start;
      while (lineEnd < n && !isAsciiLineBreak(text.charAt(lineEnd))) {
        lineEnd++;
      }
      int next = lineEnd + 1;
      if (lineEnd < n && text.charAt(lineEnd) == '\r' && next < n && text.charAt(next) == '\n') {
        next++;
      }
      int end = lineEnd;
      int ws = end;
      while (ws > start && (text.charAt(ws - 1) == ' ' || text.charAt(ws - 1) == '\t')) {
        ws--;
      }
      if (end - ws == 1 && text.charAt(ws) == ' ') {
        end--;
      }
      int initial = first ? headerLen : 0;
      first = false;
      int from = start;
      start = next;
      if (initial + end - from == 0) {
        continue;
      }
      if (initial == 0 && anyLine && isAllSpace(text, from, end)) {
        out.append(text, from, end);
        continue;
      }
      if (anyLine) {
        out.append('\n');
      }
      out.append(text, from, end);
      anyLine = true;
    }
    return out.toString();
  }

  /**
   * Whether the text is one run of printable non-space ASCII (no fold point, no line break, no
   * Python whitespace) that overflows the first line.
   */
  private static boolean isSingleLongWord(int headerLen, String text) {
    int n = text.length();
    if (n == 0 || headerLen + n <= MAX_LINE_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLineBreak(char c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E);
  }

  private static boolean isAllSpace(String s, int from, int end) {
    if (end == from) {
      return false;
    }
    for (int i = from; i < end; i++) {
      if (!PythonText.isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code Header._nonctext}: whitespace, parentheses and backslash need no separating space. */
  private static boolean isNonCtext(char c) {
    return PythonText.isSpace(c) || c == '(' || c == ')' || c == '\\';
  }

  /** {@code re.compile(r'\n[^ \t]+:').search(value)}. */
  static boolean hasEmbeddedHeader(String value) {
    for (int i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) {
      for (int j = i + 1; j < value.length(); j++) {
        char c = value.charAt(j);
        if (c == ' ' || c == '\t') {
          break;
        }
        if (c == ':' && j > i + 1) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True where folding would give the text back unchanged: all ASCII, no line break CPython's
   * {@code splitlines} sees, and short enough for the first line.
   */
  private static boolean fitsVerbatim(String name, String text) {
    if (name.length() + 2 + text.length() > MAX_LINE_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainAsciiLabel(String label) {
    return label == null || label.equals("us-ascii") || label.equals("ascii");
  }

  private static EmailCharset charsetOf(String label) {
    if (isPlainAsciiLabel(label)) {
      return EmailCharset.US_ASCII;
    }
    EmailCharset common = COMMON_CHARSETS.get(label);
    return common != null ? common : EmailCharset.of(label);
  }

  private static Map<String, EmailCharset> commonCharsets(String... labels) {
    Map<String, EmailCharset> charsets = new HashMap<>();
    for (String label : labels) {
      charsets.put(label, EmailCharset.of(label));
    }
    return Map.copyOf(charsets);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
