package org.patchpipe.store.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The API's access to PostgreSQL: reads in autocommit, writes in one transaction each. Handlers pass
 * a {@link Work} that calls the store's repositories ({@code org.patchpipe.store.db}) on the connection; an {@link SQLException} escapes as
 * {@link StoreAccessException}, which the server answers with 500.
 */
public final class ApiDatabase {
  private final DataSource dataSource;
  private final Clock clock;

  public ApiDatabase(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  /** With the clock that stamps what the API writes (events, checks). */
  public ApiDatabase(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The clock that stamps what the API writes. */
  public Clock clock() {
    return clock;
  }

  /** SQL run on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs read-only work (autocommit, read committed). */
  public <T> T read(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreAccessException(e);
    }
  }

  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T write(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreAccessException(e);
    }
  }

  /** A database failure the caller cannot act on; the server answers 500 and logs it. */
  public static final class StoreAccessException extends RuntimeException {
    public StoreAccessException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
