package org.patchpipe.ingest.source;

import java.util.Objects;
import java.util.Optional;
import org.patchpipe.event.Position;
import org.patchpipe.parser.RawMessage;

/**
 * One mail as a {@link MailSource} delivered it: its exact bytes, the {@link Position} to resume
 * right after it and, for a message the source could only read in part (a truncated gzip stream, an
 * unreadable file), the defect that makes it a dead letter instead of a mail to parse. Immutable.
 *
 * @param raw the message bytes (no mbox {@code From } line, mboxrd quoting undone)
 * @param position where the message sits; opening the source after it resumes with the next one
 * @param defect why the bytes are not a whole message, or null when they are
 */
public record SourcedMessage(RawMessage raw, Position position, String defect) {
  public SourcedMessage {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(position, "position");
  }

  /** A whole message. */
  public SourcedMessage(RawMessage raw, Position position) {
    this(raw, position, null);
  }

  /** Why the bytes are not a whole message, if they are not. */
  public Optional<String> defectReason() {
    return Optional.ofNullable(defect);
  }
}
