package org.patchpipe.store.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Dates as Patchwork's API renders them: Python's {@code isoformat()} of a naive datetime, so no
 * zone, and microseconds only when they are not zero ({@code 2019-05-06T13:16:20},
 * {@code 2026-11-27T09:11:38.655137}).
 */
public final class Dates {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private Dates() {}

  public static String iso(LocalDateTime date) {
    if (date == null) {
      return null;
    }
    return date.getNano() / 1000 == 0 ? SECONDS.format(date) : MICROS.format(date);
  }
}
