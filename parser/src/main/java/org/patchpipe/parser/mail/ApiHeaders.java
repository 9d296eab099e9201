package org.patchpipe.parser.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST API's {@code headers} object (R12.3) from a stored header block: one key per header
 * name as spelled, in first-appearance order; a String where the name occurs once, a
 * {@code List<String>} where it repeats. The block is parsed again as CPython's
 * {@code email.parser.Parser().parsestr(text, headersonly=True)} does under compat32 (the
 * {@code FeedParser} header rules), so folds stay as literal {@code "\n "}/{@code "\n\t"}, and a
 * line that is neither a header nor a continuation ends the headers there, as in Patchwork (R13
 * item 23). Values match names case-insensitively, so {@code Message-Id} and {@code Message-ID}
 * are two keys holding the same two values. Stateless and thread-safe; the returned map is
 * unmodifiable; never throws for any text.
 *
 * <pre>{@code
 * ApiHeaders.render("Received: a\nReceived: b\nSubject: x")
 *     // {Received=[a, b], Subject=x}
 * }</pre>
 */
public final class ApiHeaders {
  private ApiHeaders() {}

  public static Map<String, Object> render(String storedHeaders) {
    if (storedHeaders == null || storedHeaders.isEmpty()) {
      return Map.of();
    }
    List<String[]> headers = parse(storedHeaders);
    Map<String, List<String>> byLowerName = new LinkedHashMap<>();
    for (String[] header : headers) {
      byLowerName.computeIfAbsent(header[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(header[1]);
    }
    Map<String, Object> rendered = new LinkedHashMap<>();
    for (String[] header : headers) {
      if (!rendered.containsKey(header[0])) {
        List<String> values = byLowerName.get(header[0].toLowerCase(Locale.ROOT));
        rendered.put(header[0], values.size() == 1 ? values.get(0)
            : Collections.unmodifiableList(values));
      }
    }
    return Collections.unmodifiableMap(rendered);
  }

  /** {@code FeedParser._parsegen} header phase and {@code _parse_headers}: (name, value) pairs. */
  private static List<String[]> parse(String text) {
    List<String> lines = headerLines(text);
    List<String[]> headers = new ArrayList<>();
    String lastName = null;
    StringBuilder lastValue = null;
    for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
      String line = lines.get(lineNo);
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        if (lastName != null) {
          lastValue.append(line);
        }
        // A continuation before any header is a defect CPython records and skips.
        continue;
      }
      if (lastName != null) {
        headers.add(new String[] {lastName, stripLineEnd(lastValue)});
        lastName = null;
      }
      if (line.startsWith("From ")) {
        if (lineNo == lines.size() - 1 && lineNo > 0) {
          // Looks like the first body line: the headers end here.
          break;
        }
        // The unix-from line, or a misplaced one: not a header either way.
        continue;
      }
      int colon = line.indexOf(':');
      if (colon == 0) {
        continue;
      }
      lastName = line.substring(0, colon);
      String value = line.substring(colon + 1);
      int start = 0;
      while (start < value.length() && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
        start++;
      }
      lastValue = new StringBuilder(value.length() - start).append(value, start, value.length());
    }
    if (lastName != null) {
      headers.add(new String[] {lastName, stripLineEnd(lastValue)});
    }
    return headers;
  }

  /**
   * The lines (with their CR/LF/CRLF endings) up to the first one that matches neither
   * {@code ^(From |[\041-\071\073-\176]*:|[\t ])} nor is blank.
   */
  private static List<String> headerLines(String text) {
    List<String> lines = new ArrayList<>();
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = start;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      if (end < n) {
        end += text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? 2 : 1;
      }
      String line = text.substring(start, end);
      if (!isHeaderLine(line)) {
        break;
      }
      lines.add(line);
      start = end;
    }
    return lines;
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

  /** compat32 {@code header_source_parse}: {@code value.rstrip('\r\n')}. */
  private static String stripLineEnd(StringBuilder value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
      end--;
    }
    return value.substring(0, end);
  }
}
