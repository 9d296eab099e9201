package org.patchpipe.parser.mail;

import java.util.List;
import java.util.Optional;

/**
 * Re-encodes and folds one header as Patchwork stores it (R12.2, a port of CPython's
 * {@code email.header.Header.encode} with line length 78 and LF separators). Stateless.
 */
public final class HeaderEncoder {
  private HeaderEncoder() {}

  /**
   * The stored line {@code Name: value} (possibly several LF-separated lines), or empty where the
   * result fails the embedded-header check and Patchwork omits the header.
   */
  public static Optional<String> encode(String name, List<HeaderChunk> chunks) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
