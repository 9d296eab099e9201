package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.patchpipe.parser.series.InMemorySeriesState;

/**
 * The series tracker's state for the store: the parser's working set ({@link InMemorySeriesState}),
 * loaded per project from PostgreSQL ({@link PgSeriesSource}) and written behind to it ({@link
 * PgJournal}), one mechanism for {@code patchpipe parse} and the store alike. Every question is
 * answered from memory, which is correct because the store is the only writer of these tables (the
 * consumer's advisory lock guarantees it).
 *
 * <pre>{@code
 * connection.setAutoCommit(false);
 * PgSeriesState state = new PgSeriesState(connection, Clock.systemUTC());
 * new SeriesTracker(state, clock).place(...);   // as many mails as one transaction should hold
 * state.flush();
 * connection.commit();
 * }</pre>
 *
 * <p>Runs on the caller's connection and inside the caller's transaction; it never commits. After
 * a rollback the memory is ahead of the database: throw the state away with its connection. One
 * per connection, not thread-safe. Failures are {@link StoreException}s wrapping the {@link
 * SQLException}.
 */
public final class PgSeriesState extends InMemorySeriesState implements AutoCloseable {
  private final StatementCache sql;
  private final PgJournal journal;

  /** A state taking row ids one at a time (no gaps, as Patchwork's). */
  public PgSeriesState(Connection connection, Clock eventClock) {
    this(connection, eventClock, 1);
  }

  /**
   * A state taking row ids {@code idBlock} at a time (the consumer's choice: fewer round trips; a
   * block left unused when the store stops leaves a gap, as a rolled-back insert would).
   */
  public PgSeriesState(Connection connection, Clock eventClock, int idBlock) {
    this(new StatementCache(connection), eventClock, idBlock);
  }

  private PgSeriesState(StatementCache sql, Clock eventClock, int idBlock) {
    this(sql, new PgJournal(sql, eventClock, idBlock));
  }

  private PgSeriesState(StatementCache sql, PgJournal journal) {
    super(journal, new PgSeriesSource(sql));
    this.sql = sql;
    this.journal = journal;
  }

  /** Writes every change journaled since the last flush; call before committing. */
  public void flush() {
    journal.flush();
  }

  /** Flushes, then closes the statements (the connection stays the caller's). */
  @Override
  public void close() {
    SqlWork.unchecked(() -> {
      try (sql) {
        journal.flush();
      }
      return null;
    });
  }
}
