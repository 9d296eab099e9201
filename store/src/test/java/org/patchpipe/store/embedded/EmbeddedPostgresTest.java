package org.patchpipe.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {
  @TempDir Path tmp;

  @Test
  void dataSurvivesRestartOnTheSameDirectory() throws SQLException {
    PostgresConfig config = new PostgresConfig(tmp.resolve("data"), 0, "keep", false, PostgresConfig.defaultBinariesCache());
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(config);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v text)");
      s.execute("INSERT INTO t VALUES ('still here')");
      try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) >= 170000, "PostgreSQL 17 expected");
      }
    }
    assertTrue(Files.exists(config.dataDir().resolve("PG_VERSION")));
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(config);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM t")) {
      assertTrue(rs.next());
      assertEquals("still here", rs.getString(1));
    }
  }

  @Test
  void closeStopsTheServer() {
    EmbeddedPostgres pg = EmbeddedPostgres.start(
        new PostgresConfig(tmp.resolve("d2"), 0, "patchpipe", false, PostgresConfig.defaultBinariesCache()));
    String url = pg.jdbcUrl();
    pg.close();
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());
  }

  @Test
  void refusesANonEmptyDirectoryThatHoldsNoCluster() throws Exception {
    Path data = tmp.resolve("junk");
    Files.createDirectories(data);
    Files.writeString(data.resolve("notes.txt"), "mine");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> EmbeddedPostgres.start(PostgresConfig.of(data)));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertFalse(Files.exists(data.resolve("PG_VERSION")));
  }
}
