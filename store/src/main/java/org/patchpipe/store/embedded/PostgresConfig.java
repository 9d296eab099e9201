package org.patchpipe.store.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedPostgres}. Immutable.
 *
 * @param dataDir the cluster's data directory; created and initialised (initdb) when empty
 * @param port the TCP port on 127.0.0.1, or 0 for a free one
 * @param database the database to create (if missing) and connect to
 * @param durable false turns off fsync and synchronous commit: for tests and benchmarks, where
 *     losing the last transactions on a power cut does not matter
 * @param binariesCache where the server binaries are unpacked, shared by every cluster
 */
public record PostgresConfig(Path dataDir, int port, String database, boolean durable, Path binariesCache) {
  public PostgresConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(binariesCache, "binariesCache");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("store.db.port must be 0..65535, not " + port);
    }
    if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("store.db.name must be a plain lower-case identifier: " + database);
    }
    dataDir = dataDir.toAbsolutePath();
    binariesCache = binariesCache.toAbsolutePath();
  }

  /** A durable cluster in {@code dataDir} on a free port, database {@code patchpipe}. */
  public static PostgresConfig of(Path dataDir) {
    return new PostgresConfig(dataDir, 0, "patchpipe", true, defaultBinariesCache());
  }

  /** The system temporary directory: world-traversable, so an unprivileged server can read it. */
  public static Path defaultBinariesCache() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  public PostgresConfig withPort(int newPort) {
    return new PostgresConfig(dataDir, newPort, database, durable, binariesCache);
  }

  public PostgresConfig withDurable(boolean newDurable) {
    return new PostgresConfig(dataDir, port, database, newDurable, binariesCache);
  }

  public PostgresConfig withDatabase(String newDatabase) {
    return new PostgresConfig(dataDir, port, newDatabase, durable, binariesCache);
  }
}
