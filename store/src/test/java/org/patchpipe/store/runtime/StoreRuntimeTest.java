package org.patchpipe.store.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

@ExtendWith(SharedPostgres.class)
class StoreRuntimeTest {
  @TempDir Path tmp;

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test
  void anExternalDatabaseIsMigratedOnConnectAndPooledAsNamed(TestDatabase db) throws SQLException {
    try (StoreRuntime runtime = StoreRuntime.open(StoreRuntime.Database.external(db.jdbcUrl(), db.user(), ""))) {
      assertNull(runtime.startedServer());
      try (Connection c = runtime.connect()) {
        assertNotNull(scalar(c, "SELECT to_regclass('patch')"), "the schema is migrated");
      }
      try (Connection again = runtime.connect()) {
        assertNotNull(scalar(again, "SELECT to_regclass('patch')"), "connecting twice migrates nothing twice");
      }
      try (HikariDataSource pool = runtime.pool("runtime-test", 2, Map.of("ApplicationName", "runtime-test"));
          Connection c = pool.getConnection()) {
        assertEquals(scalar(db.connect(), "SELECT current_database()"), scalar(c, "SELECT current_database()"));
        assertEquals("runtime-test", scalar(c, "SELECT current_setting('application_name')"));
        assertEquals(2, pool.getMaximumPoolSize());
      }
      assertEquals(db.jdbcUrl(), runtime.storeConfig("127.0.0.1:9092").jdbcUrl());
    }
  }

  @Test
  void anUnreachableDatabaseSaysWhichOne() {
    String url = "jdbc:postgresql://127.0.0.1:1/nowhere";
    try (StoreRuntime runtime = StoreRuntime.open(StoreRuntime.Database.external(url, "u", "secret"))) {
      DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class, runtime::connect);
      assertEquals(url, e.jdbcUrl());
      assertTrue(e.getMessage().startsWith("cannot use the database " + url + ": "), e.getMessage());
    }
  }

  @Test
  void theExternalDescriptionNeverShowsThePassword() {
    String text = StoreRuntime.Database.external("jdbc:postgresql://db/p", "u", "hunter2").toString();
    assertFalse(text.contains("hunter2"), text);
  }

  @Test
  void aServerMustBeOpenedOnItsOwnDatabase(TestDatabase db) {
    try (StoreRuntime runtime = StoreRuntime.open(StoreRuntime.Database.external(db.jdbcUrl(), db.user(), ""))) {
      var elsewhere = StoreRuntime.open(StoreRuntime.Database.external("jdbc:postgresql://other/db", "u", ""))
          .storeConfig("127.0.0.1:9092");
      assertThrows(IllegalArgumentException.class,
          () -> runtime.serve(elsewhere, new ApiConfig("127.0.0.1", 0, 2), null));
    }
  }

  @Test
  void anEmbeddedServerIsStartedOnceAndJoinedByASecondOpener() throws SQLException {
    PostgresConfig config = new PostgresConfig(tmp.resolve("pg"), 0, "patchpipe", false, PostgresConfig.defaultBinariesCache());
    try (StoreRuntime first = StoreRuntime.open(new StoreRuntime.Database.Embedded(config))) {
      assertNotNull(first.startedServer());
      try (StoreRuntime second = StoreRuntime.open(new StoreRuntime.Database.Embedded(config))) {
        assertNull(second.startedServer(), "the running server is joined, not started again");
        assertEquals(first.jdbcUrl(), second.jdbcUrl());
      }
      try (Connection c = first.connect()) {
        assertEquals("1", scalar(c, "SELECT 1"), "closing the joiner left the server running");
      }
    }
    assertTrue(EmbeddedPostgres.runningPort(config.dataDir()).isEmpty(), "the starter stopped it on close");
  }
}
