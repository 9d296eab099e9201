package org.patchpipe.ingest.kafka;

import java.util.Objects;
import org.patchpipe.event.Position;

/**
 * What the publisher writes for one message, decided before the transaction starts: a {@link Mail}
 * (its raw bytes on the raw topic and its event on the events topic), or a {@link DeadLetter} (its
 * raw bytes with a reason on the dead-letter topic, and on the raw topic too where the bytes are a
 * whole message). Immutable apart from the arrays, which callers hand over and do not touch again.
 */
public sealed interface Publication permits Publication.Mail, Publication.DeadLetter {

  /** The exact message bytes. */
  byte[] raw();

  /** The Message-ID, or null where none could be read (the raw record then has no key). */
  String messageId();

  /** Where the message sits in its source. */
  Position position();

  /**
   * A parsed message.
   *
   * @param listId the event's key: one project's mail stays in order on one partition
   * @param kind the event's kind (patch, cover, comment, other, unparseable), for a record header
   * @param event the encoded {@link org.patchpipe.event.MailEvent}
   */
  record Mail(byte[] raw, String messageId, Position position, String listId, String kind, byte[] event)
      implements Publication {
    public Mail {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(listId, "listId");
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * A message that could not be parsed or read whole.
   *
   * @param listId the list it was replayed for, or null where unknown
   * @param reason why, in one line
   * @param wholeMessage whether {@code raw} is the whole message (then it also goes to the raw
   *     topic, the replayable truth); false for a truncated or unreadable one
   */
  record DeadLetter(
      byte[] raw, String messageId, Position position, String listId, String reason, boolean wholeMessage)
      implements Publication {
    public DeadLetter {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
