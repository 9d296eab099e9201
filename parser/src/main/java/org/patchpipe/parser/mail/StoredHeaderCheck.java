package org.patchpipe.parser.mail;

import java.util.List;

/**
 * The one failure of CPython's {@code Header.encode()} that makes Patchwork call a header
 * undecodable (R0.3 step 4): plain text holding a line break other than a fold (form feed, VT,
 * U+001C..U+001E, ...) followed by {@code name:} would come out as an embedded header. Delegates to
 * {@link HeaderEncoder#encodable}, the full port of that check.
 */
final class StoredHeaderCheck {
  private StoredHeaderCheck() {}

  /** Whether {@code Header.encode()} accepts these chunks. */
  static boolean encodable(List<HeaderChunk> chunks) {
    // The full port decides exactly as CPython does (checked on every generated encoder case);
    // a line-by-line approximation missed folds, empty first lines and whitespace-only lines.
    return HeaderEncoder.encodable(chunks);
  }
}
