package org.patchpipe.store.db;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * The store's database schema as ordered, numbered migrations ({@code db/V1__name.sql},
 * {@code db/V2__...}), applied once each by Flyway and recorded in {@code flyway_schema_history}.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *   int version = Schema.migrate(c);
 * }
 * }</pre>
 *
 * <p>Each migration runs in its own transaction under Flyway's PostgreSQL advisory lock, so several
 * processes starting at once apply it exactly once. A migration that was changed after it was
 * applied is refused: schema changes go in a new file. A database that patchpipe's earlier,
 * home-made runner migrated (its table {@code schema_version}) is taken over in place: Flyway
 * records a baseline at the highest version that table holds and applies only what is newer; the
 * old table is left as it was, so nothing is lost. Stateless; fails with {@link SQLException}.
 */
public final class Schema {
  /** The last migration's number. A new migration is a new resource and a new number here. */
  static final int LATEST = 23;
  /** Where the migrations live on the class path. */
  static final String LOCATION = "classpath:db";
  /** The earlier runner's history table (version, description, checksum, applied). */
  static final String LEGACY_TABLE = "schema_version";

  private Schema() {}

  /** The version the code expects: the number of the last migration. */
  public static int latestVersion() {
    return LATEST;
  }

  /**
   * Brings the database to {@link #latestVersion()}.
   *
   * @return the version after migrating
   * @throws SQLException if a migration fails (it is rolled back) or an applied migration was edited
   */
  public static int migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    try {
      int legacy = legacyVersion(connection);
      Flyway flyway = configure(connection)
          // Only a database the earlier runner kept is baselined; any other non-empty schema
          // without Flyway's table is refused, as Flyway does by default.
          .baselineOnMigrate(legacy >= 0)
          .baselineVersion(MigrationVersion.fromVersion(Integer.toString(Math.max(legacy, 0))))
          .baselineDescription("taken over from " + LEGACY_TABLE)
          .load();
      MigrateResult result = flyway.migrate();
      return result.targetSchemaVersion != null
          ? Integer.parseInt(result.targetSchemaVersion)
          : versionOf(flyway.info().current());
    } catch (FlywayValidateException e) {
      throw new SQLException("the database's migrations do not match the code's (" + e.getMessage()
          + "): put schema changes in a new migration file instead", e);
    } catch (FlywayException e) {
      throw new SQLException("migrating the store schema failed: " + e.getMessage(), e);
    } finally {
      if (!connection.isClosed()) {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** The highest applied version, 0 for an empty database. */
  public static int currentVersion(Connection connection) throws SQLException {
    try {
      int flyway = versionOf(configure(connection).load().info().current());
      return flyway > 0 ? flyway : Math.max(legacyVersion(connection), 0);
    } catch (FlywayException e) {
      throw new SQLException("reading the store schema's version failed: " + e.getMessage(), e);
    }
  }

  private static FluentConfiguration configure(Connection connection) {
    FluentConfiguration config = Flyway.configure(Schema.class.getClassLoader())
        .dataSource(new BorrowedConnection(connection))
        .locations(LOCATION);
    // A session lock, not one tied to a transaction: Flyway's two connections are one here, and
    // each migration's commit would otherwise release a transaction-scoped lock early.
    config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    return config;
  }

  private static int versionOf(MigrationInfo info) {
    return info == null || info.getVersion() == null ? 0 : Integer.parseInt(info.getVersion().getVersion());
  }

  /**
   * The highest version in the earlier runner's table: 0 when it holds none (its first migration
   * failed), -1 when there is no such table.
   */
  private static int legacyVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + LEGACY_TABLE + "') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return -1;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + LEGACY_TABLE)) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * The caller's connection as a {@link DataSource} for Flyway, which closes what it borrows: the
   * caller keeps using (and closes) its connection, so Flyway's {@code close()} is ignored.
   */
  private record BorrowedConnection(Connection connection) implements DataSource {
    @Override
    public Connection getConnection() {
      return (Connection) Proxy.newProxyInstance(Schema.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
              return null;
            }
            try {
              return method.invoke(connection, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection(String username, String password) {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
