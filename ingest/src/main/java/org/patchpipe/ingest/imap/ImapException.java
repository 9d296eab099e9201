package org.patchpipe.ingest.imap;

/**
 * A failure of the IMAP daemon, talking to the server or publishing what it fetched, with the cause
 * (Angus or Kafka) kept. {@link #retriable()} says whether trying again can help: a dropped
 * connection, a timeout, a server restart or an aborted transaction can; a refused login, a folder
 * that does not exist or a fenced publisher cannot, and the message then says what to fix.
 */
public final class ImapException extends Exception {
  private final boolean retriable;

  ImapException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  /** True when reconnecting later may succeed; false when the configuration must change. */
  public boolean retriable() {
    return retriable;
  }
}
