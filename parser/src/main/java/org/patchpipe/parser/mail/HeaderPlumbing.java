package org.patchpipe.parser.mail;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The mail parser's calls into the header plumbing: the Date header through {@link DateParser}
 * (R4) and the stored header block through {@link HeaderCleaner#chunks} and {@link HeaderEncoder}
 * (R12.1). A failure in either costs the mail its date or one stored header, never the mail.
 */
public final class HeaderPlumbing {
  private HeaderPlumbing() {}

  /** R4: the Date header in UTC, or null where missing, unusable or not yet parseable. */
  public static LocalDateTime date(MailHeaders headers) {
    Optional<String> cleaned = HeaderCleaner.clean(headers.get("Date"));
    if (cleaned.isEmpty() || cleaned.get().isEmpty()) {
      return null;
    }
    try {
      return DateParser.parse(cleaned.get()).orElse(null);
    } catch (RuntimeException e) {
      // A bug in date parsing must not lose the mail; Patchwork falls back to "now" too.
      return null;
    }
  }

  /** R12.1: the stored header block. */
  public static String storedHeaders(MailHeaders headers) {
    StringBuilder sb = new StringBuilder(2048);
    for (MailHeader h : headers.all()) {
      Optional<List<HeaderChunk>> chunks = HeaderCleaner.chunks(h.value());
      if (chunks.isEmpty()) {
        continue;
      }
      Optional<String> line;
      try {
        line = HeaderEncoder.encode(h.name(), chunks.get());
      } catch (RuntimeException e) {
        // An encoder bug must not lose the mail: leave this one header out.
        continue;
      }
      if (line.isPresent()) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(line.get());
      }
    }
    return PythonText.removeNul(sb.toString());
  }
}
