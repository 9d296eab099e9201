package org.patchpipe.parser.mail;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Patchwork's permissive Date parser (R4): the cleaned Date header to a UTC wall-clock time with
 * whole seconds. Stateless and thread-safe.
 */
public final class DateParser {
  private DateParser() {}

  /** The instant in UTC, or empty where Patchwork would fall back to the current time (R4.1). */
  public static Optional<LocalDateTime> parse(String cleanedValue) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
