package org.patchpipe.store.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.consume.StoreConfig;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;

/**
 * The store's one entry point for a process that uses it: its PostgreSQL (an external one, an
 * embedded one this process started, or an embedded one another patchpipe process is running on
 * the same data directory), migrated connections, connection pools, and the running store (event
 * consumer and REST API, see {@link #serve}). Every caller gets the database the same way, so the
 * schema is migrated by one path whether a command, a server or a benchmark opened it. Closing
 * stops only a server this process started; the credentials never leave this object except into
 * the store's own configurations.
 */
public final class StoreRuntime implements AutoCloseable {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final EmbeddedPostgres started;

  private StoreRuntime(String jdbcUrl, String user, String password, EmbeddedPostgres started) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.started = started;
  }

  /** Where the database is: an external server, or the embedded one kept in a data directory. */
  public sealed interface Database {
    /** An external PostgreSQL; {@code password} may be empty for none. */
    record External(String jdbcUrl, String user, String password) implements Database {
      public External {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
      }

      @Override
      public String toString() {
        return "External[" + jdbcUrl + ", user " + user + "]"; // never the password
      }
    }

    /** The embedded PostgreSQL described by {@code config}: joined if it runs, else started. */
    record Embedded(PostgresConfig config) implements Database {
      public Embedded {
        Objects.requireNonNull(config, "config");
      }
    }

    static Database external(String jdbcUrl, String user, String password) {
      return new External(jdbcUrl, user, password);
    }

    /** The embedded server in {@code dataDir} with the default settings. */
    static Database embedded(Path dataDir) {
      return new Embedded(PostgresConfig.of(dataDir));
    }
  }

  /**
   * Opens {@code database}: an external one as named, an embedded one joined when another process
   * runs it and started otherwise.
   *
   * @throws StoreStartException if the embedded server cannot start
   */
  public static StoreRuntime open(Database database) {
    if (database instanceof Database.External external) {
      return new StoreRuntime(external.jdbcUrl(), external.user(), external.password(), null);
    }
    PostgresConfig config = ((Database.Embedded) database).config();
    OptionalInt running = EmbeddedPostgres.runningPort(config.dataDir());
    if (running.isPresent()) {
      return new StoreRuntime("jdbc:postgresql://127.0.0.1:" + running.getAsInt() + "/" + config.database(),
          "postgres", "", null);
    }
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.start(config);
      return new StoreRuntime(pg.jdbcUrl(), pg.user(), "", pg);
    } catch (IllegalStateException e) {
      throw new StoreStartException(
          "cannot start the embedded PostgreSQL in " + config.dataDir() + ": " + e.getMessage(), e);
    }
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The embedded server this process started, for its description; null for any other database. */
  public EmbeddedPostgres startedServer() {
    return started;
  }

  /** How the store consumes {@code bootstrapServers} into this database, with the defaults. */
  public StoreConfig storeConfig(String bootstrapServers) {
    return StoreConfig.of(bootstrapServers, jdbcUrl, user, password);
  }

  /**
   * A connection to a database migrated to the current schema.
   *
   * @throws DatabaseUnavailableException if the database refuses the connection or the migration
   */
  public Connection connect() {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl, user, password);
      Schema.migrate(c);
      return c;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(jdbcUrl, e);
    }
  }

  /**
   * A connection pool of at most {@code size} connections; {@code name} null keeps Hikari's
   * default, {@code driverProperties} go to the PostgreSQL driver (e.g. {@code prepareThreshold}).
   */
  public HikariDataSource pool(String name, int size, Map<String, String> driverProperties) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    if (name != null) {
      config.setPoolName(name);
    }
    driverProperties.forEach(config::addDataSourceProperty);
    return new HikariDataSource(config);
  }

  /**
   * Opens the running store over this database: the event consumer (which migrates the database)
   * configured by {@code config} (from {@link #storeConfig}, tuned) and the REST API beside it.
   * The consumer starts with {@link StoreServer#startConsuming()}.
   *
   * @param progress where the consumer's progress and failure are told; see {@link StoreServer}
   * @throws StoreStartException if the consumer or the API cannot start
   */
  public StoreServer serve(StoreConfig config, ApiConfig apiConfig, StoreServer.Listener progress) {
    if (!config.jdbcUrl().equals(jdbcUrl)) {
      throw new IllegalArgumentException("the store config names " + config.jdbcUrl() + ", not " + jdbcUrl);
    }
    return StoreServer.open(config, this, apiConfig, progress);
  }

  /** Stops a server this process started; safe to call twice. */
  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
