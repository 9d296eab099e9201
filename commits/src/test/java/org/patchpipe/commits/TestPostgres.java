package org.patchpipe.commits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;

/**
 * JUnit extension: one real embedded PostgreSQL per test JVM (started on first use, stopped at the
 * end of the run) and a fresh, migrated database for each test class, handed out as a
 * {@link Database} parameter.
 */
final class TestPostgres implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestPostgres.class);

  /** A fresh database with the store's schema. */
  record Database(String jdbcUrl, String user) {
    Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, "");
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == Database.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    Server server = c.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> new Server(), Server.class);
    ExtensionContext classContext = c;
    while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext.getStore(NS).getOrComputeIfAbsent("db", k -> server.newDatabase(), Database.class);
  }

  private static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Path dir;
    private final EmbeddedPostgres pg;
    private final AtomicInteger databases = new AtomicInteger();

    Server() {
      try {
        Path target = Path.of("target");
        Files.createDirectories(target);
        dir = Files.createTempDirectory(target.toAbsolutePath(), "pg-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pg = EmbeddedPostgres.start(
          new PostgresConfig(dir.resolve("data"), 0, "patchpipe", false, PostgresConfig.defaultBinariesCache()));
    }

    Database newDatabase() {
      String name = "commits_" + databases.incrementAndGet();
      pg.createDatabase(name);
      Database db = new Database(pg.jdbcUrl(name), pg.user());
      try (Connection c = db.connect()) {
        Schema.migrate(c);
      } catch (SQLException e) {
        throw new IllegalStateException("migrating the test database failed: " + e.getMessage(), e);
      }
      return db;
    }

    @Override
    public void close() throws IOException {
      pg.close();
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
