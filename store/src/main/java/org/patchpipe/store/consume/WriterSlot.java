package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * The consumer's current {@link BatchWriter}, opened on first use and thrown away after any
 * failure: its connection may be broken, and after a rollback its series working set is ahead of
 * the database (see {@link org.patchpipe.store.db.PgSeriesState}), so the next write needs a fresh
 * one that loads the working set again. Each writer's session takes the {@link WriterLock} before
 * anything is read or written on it, waiting as the standby while another store holds it, so the
 * working set is always loaded under the lock. Not thread-safe; used from the consumer's thread.
 */
final class WriterSlot implements AutoCloseable {
  private final WriterLock lock;
  private final OffsetStore offsets;
  private final Clock clock;
  private final BooleanSupplier stopping;
  private BatchWriter writer;

  WriterSlot(WriterLock lock, OffsetStore offsets, Clock clock, BooleanSupplier stopping) {
    this.lock = lock;
    this.offsets = offsets;
    this.clock = clock;
    this.stopping = stopping;
  }

  /**
   * The writer, connecting a new one (and waiting for the lock) if there is none.
   *
   * @throws SQLException if the database fails, or (SQLState 57014) the store stopped while standing by
   */
  BatchWriter get() throws SQLException {
    if (writer == null) {
      Connection session = lock.acquire(stopping);
      try {
        writer = new BatchWriter(session, offsets, clock);
      } catch (SQLException | RuntimeException e) {
        session.close();
        throw e;
      }
    }
    return writer;
  }

  /**
   * Closes the writer (after a failure or at shutdown), and with its session the lock; the next
   * {@link #get()} opens a fresh one. A store that stood by in between finds its offsets moved
   * on: {@link OffsetStore#write} refuses the stale batch and the consumer reads from the stored
   * offsets again.
   */
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
