package org.patchpipe.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patchpipe.store.db.SchemaTest.history;
import static org.patchpipe.store.db.SchemaTest.single;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Taking over a database that patchpipe's earlier, home-made runner migrated, and several starters
 * migrating one fresh database at once. The earlier runner is replayed here as it worked: each
 * migration's SQL run as it stands, then a {@code schema_version} row with its SHA-256.
 */
@ExtendWith(SharedPostgres.class)
class SchemaUpgradeTest {
  @Test
  void aDatabaseOfTheEarlierRunnerIsBaselinedAtItsVersionAndKeepsItsData(TestDatabase db) throws Exception {
    try (Connection c = fresh(db, "legacy_full")) {
      migrateAsTheEarlierRunnerDid(c, "V1__patchwork_core.sql", "V2__pending_reply.sql", "V20__revisions.sql");
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO project (linkname, name, listid, listemail)"
            + " VALUES ('kept', 'kept', 'kept.example.org', 'kept@example.org')");
      }

      assertEquals(23, Schema.migrate(c));

      // Baselined at the earlier runner's last version; only what came after it is applied.
      assertEquals(List.of("20|BASELINE", "21|SQL", "23|SQL"), history(c));
      assertEquals("kept", single(c, "SELECT string_agg(linkname, ',') FROM project"));
      assertEquals("3", single(c, "SELECT count(*)::text FROM schema_version"));
      assertEquals(23, Schema.currentVersion(c));
      assertEquals(23, Schema.migrate(c));
      assertEquals(List.of("20|BASELINE", "21|SQL", "23|SQL"), history(c));
    }
  }

  @Test
  void aDatabaseTheEarlierRunnerLeftBehindGetsOnlyTheNewerMigrations(TestDatabase db) throws Exception {
    try (Connection c = fresh(db, "legacy_partial")) {
      migrateAsTheEarlierRunnerDid(c, "V1__patchwork_core.sql", "V2__pending_reply.sql");
      assertEquals(2, Schema.currentVersion(c));

      assertEquals(23, Schema.migrate(c));

      assertEquals(List.of("2|BASELINE", "20|SQL", "21|SQL", "23|SQL"), history(c));
      assertEquals("true", single(c, "SELECT (to_regclass('series_revision') IS NOT NULL)::text"));
    }
  }

  @Test
  void aDatabaseWhoseFirstMigrationFailedUnderTheEarlierRunnerGetsEveryMigration(TestDatabase db) throws Exception {
    try (Connection c = fresh(db, "legacy_empty")) {
      migrateAsTheEarlierRunnerDid(c);
      assertEquals(0, Schema.currentVersion(c));

      assertEquals(23, Schema.migrate(c));

      assertEquals(List.of("0|BASELINE", "1|SQL", "2|SQL", "20|SQL", "21|SQL", "23|SQL"), history(c));
    }
  }

  @Test
  void concurrentStartersApplyEachMigrationOnce(TestDatabase db) throws Exception {
    String name = "concurrent_start";
    db.server().createDatabase(name);
    int starters = 4;
    CountDownLatch ready = new CountDownLatch(starters);
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    try {
      List<Future<Integer>> versions = new ArrayList<>();
      for (int i = 0; i < starters; i++) {
        versions.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(db.server().jdbcUrl(name), db.user(), "")) {
            ready.countDown();
            ready.await();
            return Schema.migrate(c);
          }
        }));
      }
      for (Future<Integer> version : versions) {
        assertEquals(Schema.latestVersion(), version.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = DriverManager.getConnection(db.server().jdbcUrl(name), db.user(), "")) {
      assertEquals(List.of("1|SQL", "2|SQL", "20|SQL", "21|SQL", "23|SQL"), history(c));
    }
  }

  private static Connection fresh(TestDatabase db, String name) throws SQLException {
    db.server().createDatabase(name);
    return DriverManager.getConnection(db.server().jdbcUrl(name), db.user(), "");
  }

  /** The earlier runner, minimally: its table, each migration's SQL, then its row. */
  private static void migrateAsTheEarlierRunnerDid(Connection c, String... migrations) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + " version integer PRIMARY KEY, description text NOT NULL, checksum char(64) NOT NULL,"
          + " applied timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))");
      for (String migration : migrations) {
        String sql = read(migration);
        s.execute(sql);
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO schema_version (version, description, checksum) VALUES (?, ?, ?)")) {
          String[] parts = migration.substring(1, migration.length() - ".sql".length()).split("__");
          insert.setInt(1, Integer.parseInt(parts[0]));
          insert.setString(2, parts[1].replace('_', ' '));
          insert.setString(3, sha256(sql));
          insert.executeUpdate();
        }
      }
    }
  }

  private static String read(String migration) throws IOException {
    try (InputStream in = SchemaUpgradeTest.class.getClassLoader().getResourceAsStream("db/" + migration)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
