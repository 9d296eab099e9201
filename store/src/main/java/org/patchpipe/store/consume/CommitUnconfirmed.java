package org.patchpipe.store.consume;

import java.sql.SQLException;

/**
 * A batch's COMMIT whose answer never came: the connection broke (a server restarting, a network
 * failure) after the commit was sent, so the batch may be stored or not. The database decides:
 * once connected again, the consumer reads the stored offsets, and if they cover the batch it was
 * stored, and its {@link #staged} totals are counted; if not, it is read again. Keeps the
 * SQLState of the failure, so it is as retriable as that ({@link FailureKind}).
 */
final class CommitUnconfirmed extends SQLException {
  private static final long serialVersionUID = 1L;

  private final transient ConsumerStats staged;

  CommitUnconfirmed(ConsumerStats staged, SQLException failure) {
    super("the commit of a batch was not confirmed: " + failure.getMessage(), failure.getSQLState(), failure);
    this.staged = staged;
  }

  /** What the batch stored if its commit did land. */
  ConsumerStats staged() {
    return staged;
  }
}
