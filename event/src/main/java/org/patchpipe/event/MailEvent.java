package org.patchpipe.event;

import java.time.Instant;
import java.util.Objects;
import org.patchpipe.parser.ParsedMail;

/**
 * One mail as it travels from ingest to store on the events topic: what the parser made of it
 * (patch, cover letter, comment, other or unparseable, every field of {@link ParsedMail}) plus where
 * it came from. Immutable; encoded by {@link EventCodec}.
 *
 * @param schemaVersion the wire format's version; {@link #SCHEMA_VERSION} for events made now
 * @param listId the mailing list (List-Id without angle brackets) the mail was replayed for; the
 *     event's key, so one project's mail keeps its order on one partition
 * @param sourceId the source the mail was read from, e.g. {@code mbox:/srv/openrisc.mbox.gz}
 * @param position where the mail sits in that source
 * @param receivedAt when ingest read the mail (ingest's clock): the store's fallback date for
 *     mail whose Date header is missing or unusable (Patchwork uses its own clock the same way)
 * @param rawBytes the size of the raw message published with this event
 * @param mail what the parser made of the mail
 */
public record MailEvent(
    int schemaVersion,
    String listId,
    String sourceId,
    Position position,
    Instant receivedAt,
    long rawBytes,
    ParsedMail mail) {

  /**
   * The current wire format. Version 1: the fields above. A reader rejects events with a newer
   * version it does not know rather than misreading them.
   */
  public static final int SCHEMA_VERSION = 1;

  public MailEvent {
    if (schemaVersion < 1) throw new IllegalArgumentException("schemaVersion must be >= 1");
    Objects.requireNonNull(listId, "listId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(mail, "mail");
  }

  /** An event in the current schema version. */
  public static MailEvent of(
      String listId,
      String sourceId,
      Position position,
      Instant receivedAt,
      long rawBytes,
      ParsedMail mail) {
    return new MailEvent(SCHEMA_VERSION, listId, sourceId, position, receivedAt, rawBytes, mail);
  }
}
