package org.patchpipe.commits;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One cover letter or patch of a series, as {@link SeriesRevisions} collects them. Immutable.
 *
 * @param seriesId its series
 * @param version the series version
 * @param submitter the mail's submitter e-mail
 * @param date the mail's date
 * @param msgid its Message-ID
 * @param name its stored name (prefixes included, as Patchwork stores it)
 * @param references In-Reply-To and References Message-IDs
 * @param content its text (commit message or cover letter), searched for {@code change-id:} and
 *     {@code Supersedes:} lines; may be null
 */
public record SeriesMail(
    long seriesId,
    int version,
    String submitter,
    LocalDateTime date,
    String msgid,
    String name,
    List<String> references,
    String content) {
  public SeriesMail {
    references = List.copyOf(references);
  }
}
