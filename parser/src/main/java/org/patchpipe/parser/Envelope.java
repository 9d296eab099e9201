package org.patchpipe.parser;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What every kept mail (patch, cover letter, comment) carries besides its text. Immutable.
 *
 * @param msgid the Message-ID with its angle brackets (R1.1)
 * @param references In-Reply-To then References, newest first (R1.4), not truncated: Patchwork
 *     cuts each to 255 characters where it looks them up
 * @param date the Date header in UTC (R4); null where it is missing or unusable, and the caller,
 *     which owns the clock, decides the fallback
 * @param submitter the author (R3); null where From is invalid ({@code submitterError} says why)
 * @param submitterError why From could not be used, or null
 * @param headers the stored header block (R12.1): re-encoded, folded, LF-separated
 * @param subject the cleaned subject (R5)
 * @param warnings what the parser worked around (e.g. a synthetic Message-ID); empty for most mail
 */
public record Envelope(
    String msgid,
    List<String> references,
    LocalDateTime date,
    Submitter submitter,
    String submitterError,
    String headers,
    Subject subject,
    List<ParseWarning> warnings) {
  public Envelope {
    references = List.copyOf(references);
    warnings = List.copyOf(warnings);
  }

  /** An envelope without warnings. */
  public Envelope(
      String msgid,
      List<String> references,
      LocalDateTime date,
      Submitter submitter,
      String submitterError,
      String headers,
      Subject subject) {
    this(msgid, references, date, submitter, submitterError, headers, subject, List.of());
  }
}
