package org.patchpipe.store.consume;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The consumer's current {@link BatchWriter}, opened on first use and thrown away after any
 * failure: its connection may be broken, and after a rollback its series working set is ahead of
 * the database (see {@link org.patchpipe.store.db.PgSeriesState}), so the next write needs a fresh
 * one that loads the working set again. Not thread-safe; used from the consumer's thread.
 */
final class WriterSlot implements AutoCloseable {
  private final StoreConfig config;
  private final OffsetStore offsets;
  private final Clock clock;
  private BatchWriter writer;

  WriterSlot(StoreConfig config, OffsetStore offsets, Clock clock) {
    this.config = config;
    this.offsets = offsets;
    this.clock = clock;
  }

  /** The writer, connecting a new one if there is none. */
  BatchWriter get() throws SQLException {
    if (writer == null) {
      writer = new BatchWriter(
          DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword()), offsets, clock);
    }
    return writer;
  }

  /** Closes the writer (after a failure or at shutdown); the next {@link #get()} opens a fresh one. */
  void discard() {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  @Override
  public void close() {
    discard();
  }
}
