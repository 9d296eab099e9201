package org.patchpipe.parser.mail;

import java.util.List;

/**
 * The one failure of CPython's {@code Header.encode()} that makes Patchwork call a header
 * undecodable (R0.3 step 4): plain text holding a line break other than a fold (form feed, VT,
 * U+001C..U+001E, ...) followed by {@code name:} would come out as an embedded header. Kept apart
 * from {@link HeaderEncoder} so that header cleaning does not need the full folding port.
 */
final class StoredHeaderCheck {
  private StoredHeaderCheck() {}

  /** Whether {@code Header.encode()} accepts these chunks. */
  static boolean encodable(List<HeaderChunk> chunks) {
    boolean seenText = false;
    for (HeaderChunk c : chunks) {
      if (!HeaderCleaner.ASCII.equals(c.charset())) {
        seenText |= !c.text().isEmpty();
        continue;
      }
      String t = c.text();
      if (!hasLineBreak(t)) {
        seenText |= !t.isEmpty();
        continue;
      }
      List<String> lines = PythonText.splitLines(t);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (i > 0 && seenText && looksLikeHeader(line)) {
          return false;
        }
        seenText |= !line.isEmpty();
      }
    }
    return true;
  }

  private static boolean hasLineBreak(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (PythonText.isLineBreak(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code [^ \t]+:} at the start of the line. */
  private static boolean looksLikeHeader(String line) {
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == ':') {
        return i > 0;
      }
      if (ch == ' ' || ch == '\t') {
        return false;
      }
    }
    return false;
  }
}
