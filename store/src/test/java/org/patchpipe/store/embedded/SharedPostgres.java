package org.patchpipe.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving fresh databases on ONE embedded PostgreSQL per test JVM (started on first
 * use, stopped when the run ends). Declare {@code @ExtendWith(SharedPostgres.class)} and take a
 * {@link TestDatabase} parameter: in a constructor or {@code @BeforeAll} it is one database for the
 * class, in a test method one for that method.
 */
public final class SharedPostgres implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedPostgres.class);

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    Server server = c.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> new Server(), Server.class);
    // A test method's parameter gets a database of its own; a constructor's or @BeforeAll's one
    // per class.
    return c.getStore(NS).getOrComputeIfAbsent("db:" + c.getUniqueId(), k -> server.newDatabase(), TestDatabase.class);
  }

  /** The per-JVM server, closed by JUnit at the end of the run. */
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

    TestDatabase newDatabase() {
      String name = String.format(Locale.ROOT, "test_%d", databases.incrementAndGet());
      pg.createDatabase(name);
      return new TestDatabase(pg.jdbcUrl(name), pg.user(), pg);
    }

    @Override
    public void close() throws IOException {
      pg.close();
      PostgresBinaries.deleteTree(dir);
    }
  }
}
