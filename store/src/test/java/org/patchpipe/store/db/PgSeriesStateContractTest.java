package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.parser.series.SeriesState;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The contract on the working set loaded from and written behind to a real PostgreSQL: at each
 * restart the state flushes and commits, is thrown away, and a new one reloads the project from
 * the rows, as a restarted store does. Each scenario has a project of its own.
 */
@ExtendWith(SharedPostgres.class)
class PgSeriesStateContractTest extends SeriesStateContract {
  private static final AtomicInteger PROJECTS = new AtomicInteger();

  private final TestDatabase db;
  private Connection connection;
  private PgSeriesState state;
  private long project;

  PgSeriesStateContractTest(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void open() throws SQLException {
    connection = db.connect();
    Schema.migrate(connection);
    connection.setAutoCommit(false);
    project = new ProjectRepository(connection).findOrCreate("c" + PROJECTS.incrementAndGet() + ".example.org").id();
    connection.commit();
    state = new PgSeriesState(connection, CLOCK, 8);
  }

  @AfterEach
  void close() throws SQLException {
    state.close();
    connection.commit();
    connection.close();
  }

  @Override
  SeriesState state() {
    return state;
  }

  @Override
  long project() {
    return project;
  }

  @Override
  void restart() {
    try {
      state.close();
      connection.commit();
      state = new PgSeriesState(connection, CLOCK, 8);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
