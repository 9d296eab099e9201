package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.List;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;

/**
 * Where one mail landed after {@link SeriesTracker} weighed it against the mail before it: its
 * final kind (R7), its series and number (R11), its parent (R7.4), the tag totals it changed (R9.2)
 * and the events Patchwork records for it (R11.10). Immutable.
 *
 * <p>The series key and name are those at the time of placement; both change as later mail
 * arrives, so ask {@link SeriesTracker#currentKey(long)} for the current key.
 *
 * @param arrival the mail's 0-based position in arrival order
 * @param kind what Patchwork keeps of the mail
 * @param mail the parsed mail
 * @param date the date stored (R4.1: the parsed date, else the tracker's clock), null if not kept
 * @param submitterId the Person of a kept mail (R3.2), else null
 * @param patchId the kept patch, else null
 * @param coverId the kept cover letter, else null
 * @param series the series of a patch or cover letter, else null
 * @param number the patch's number in its series, else null
 * @param parent the comment's parent, else null
 * @param addressed R10.4: {@code false} for a patch comment with X-Patchwork-Action-Required, else null
 * @param tags R9.2: for a patch, its tag totals; for a comment on a patch, the patch's new totals
 * @param late true for a reply kept only once its parent arrived (patchpipe's improvement on R7.4)
 * @param awaitingParent true for an {@link Kind#OTHER} reply kept aside until its parent arrives
 * @param events the Patchwork events this mail caused (R11.10)
 * @param lateComments replies that waited for this mail and are now kept as comments
 * @param error for {@link Kind#ERROR}: {@code duplicate} or Patchwork's exception text
 */
public record Placement(
    long arrival,
    Kind kind,
    ParsedMail mail,
    LocalDateTime date,
    Long submitterId,
    Long patchId,
    Long coverId,
    InSeries series,
    Integer number,
    Parent parent,
    Boolean addressed,
    Tags tags,
    boolean late,
    boolean awaitingParent,
    List<SeriesEvent> events,
    List<Placement> lateComments,
    String error) {
  public Placement {
    events = List.copyOf(events);
    lateComments = List.copyOf(lateComments);
  }

  /** What Patchwork keeps of a mail; {@link #wireName()} is the oracle's and the CLI's spelling. */
  public enum Kind {
    PATCH,
    COVER,
    COMMENT,
    OTHER,
    ERROR;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A patch's or cover letter's series as it stood when the mail was placed.
   *
   * @param key the cover's msgid, else the lowest-numbered patch's (null for an empty series)
   * @param name R11.4, may be null
   */
  public record InSeries(long id, String key, int version, int total, String name) {}

  /**
   * A comment's parent (R7.4).
   *
   * @param cover true for a cover letter, false for a patch
   * @param id the patch's or cover's id
   */
  public record Parent(String msgid, boolean cover, long id) {}

  /** A mail Patchwork keeps nothing of (R7.1 drop). */
  static Placement other(long arrival, ParsedMail mail, boolean awaitingParent) {
    return new Placement(arrival, Kind.OTHER, mail, null, null, null, null, null, null, null, null,
        null, false, awaitingParent, List.of(), List.of(), null);
  }

  /** A mail Patchwork rejects, or a duplicate (R1.5). */
  static Placement error(long arrival, ParsedMail mail, String error) {
    return new Placement(arrival, Kind.ERROR, mail, null, null, null, null, null, null, null, null,
        null, false, false, List.of(), List.of(), error);
  }

  /** This placement with the replies that waited for it. */
  Placement withLateComments(List<Placement> late) {
    if (late.isEmpty()) {
      return this;
    }
    return new Placement(arrival, kind, mail, date, submitterId, patchId, coverId, series, number,
        parent, addressed, tags, this.late, awaitingParent, events, late, error);
  }
}
