package org.patchpipe.ingest.imap;

/**
 * A failure talking to an IMAP server, with the Angus cause kept. {@link #retriable()} says whether
 * trying again can help: a dropped connection, a timeout or a server restart can; a refused login
 * or a folder that does not exist cannot, and the message then says what to fix.
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
