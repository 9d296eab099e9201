package org.patchpipe.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalInt;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;

/**
 * The store's PostgreSQL for one command: an external one, an embedded one this process started,
 * or an embedded one another patchpipe process is running on the same data directory. Closing
 * stops only a server this process started.
 */
final class StoreDatabase implements AutoCloseable {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final EmbeddedPostgres started;

  private StoreDatabase(String jdbcUrl, String user, String password, EmbeddedPostgres started) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.started = started;
  }

  static StoreDatabase external(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new UserError("--db must be a jdbc:postgresql:// URL, e.g. jdbc:postgresql://localhost/patchpipe");
    }
    return new StoreDatabase(jdbcUrl, user, password, null);
  }

  /** The embedded server in {@code dataDir}: joined if running, else started (and stopped on close). */
  static StoreDatabase embedded(Path dataDir) {
    PostgresConfig config = PostgresConfig.of(dataDir);
    OptionalInt running = EmbeddedPostgres.runningPort(config.dataDir());
    if (running.isPresent()) {
      return new StoreDatabase("jdbc:postgresql://127.0.0.1:" + running.getAsInt() + "/" + config.database(),
          "postgres", "", null);
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.start(config);
      return new StoreDatabase(pg.jdbcUrl(), pg.user(), "", pg);
    } catch (IllegalStateException e) {
      throw new UserError("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** A migrated connection, or a {@link UserError} saying which database failed. */
  Connection connect() {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl, user, password);
      Schema.migrate(c);
      return c;
    } catch (SQLException e) {
      throw new UserError("cannot use the database " + jdbcUrl + ": " + e.getMessage()
          + " (check --db, --db-user and the password variable)", e);
    }
  }

  /** A connection pool for the REST API. */
  HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setPoolName("patchpipe-api");
    return new HikariDataSource(config);
  }

  /** Stops a server this process started; safe to call twice. */
  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
