package org.patchpipe.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaTest {
  private TestDatabase db;

  @BeforeAll
  void migrate(TestDatabase db) throws SQLException {
    this.db = db;
    try (Connection c = db.connect()) {
      assertEquals(0, Schema.currentVersion(c));
      assertEquals(Schema.latestVersion(), Schema.migrate(c));
    }
  }

  @Test
  void migratingAgainChangesNothing() throws SQLException {
    try (Connection c = db.connect()) {
      assertEquals(Schema.latestVersion(), Schema.migrate(c));
      assertEquals(Schema.latestVersion(), Schema.currentVersion(c));
      assertEquals(List.of("1|SQL", "2|SQL", "20|SQL", "21|SQL", "23|SQL"), history(c));
    }
  }

  @Test
  void latestVersionIsTheLastMigrationFile() throws SQLException {
    try (Connection c = db.connect()) {
      assertEquals(Integer.toString(Schema.latestVersion()),
          single(c, "SELECT max(version::int)::text FROM flyway_schema_history WHERE success"));
    }
  }

  @Test
  void seedsPatchworksTenStatesInOrder() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT slug, name, action_required FROM state ORDER BY ordering")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3));
      }
      assertEquals(List.of(
          "new|New|true", "under-review|Under Review|true", "accepted|Accepted|false",
          "rejected|Rejected|false", "rfc|RFC|false", "not-applicable|Not Applicable|false",
          "changes-requested|Changes Requested|false", "awaiting-upstream|Awaiting Upstream|false",
          "superseded|Superseded|false", "deferred|Deferred|false"), rows);
    }
  }

  @Test
  void seedsTheDefaultTags() throws SQLException {
    try (Connection c = db.connect()) {
      assertEquals(3, count(c, "SELECT count(*) FROM tag WHERE abbrev IN ('A','R','T') AND pattern LIKE '^%-by:'"));
    }
  }

  @Test
  void personEmailIsUniqueCaseInsensitively() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO person (email, name) VALUES ('Jo@Example.com', 'Jo')");
      SQLException e = assertThrows(SQLException.class,
          () -> s.execute("INSERT INTO person (email, name) VALUES ('jo@example.COM', 'Jo again')"));
      assertEquals("23505", e.getSQLState());
    }
  }

  @Test
  void patchMsgidIsUniquePerProjectAndNewPatchesAreNew() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO project (linkname, name, listid, listemail) VALUES ('p1','p1','p1.example.org','p1@example.org')");
      s.execute("INSERT INTO person (email) VALUES ('a@example.org')");
      String insert = "INSERT INTO patch (project_id, msgid, name, date, submitter_id)"
          + " SELECT p.id, '<1@x>', 'x', now(), s.id FROM project p, person s"
          + " WHERE p.linkname = 'p1' AND s.email = 'a@example.org'";
      s.execute(insert);
      assertEquals(1, count(c, "SELECT count(*) FROM patch p JOIN state st ON st.id = p.state_id WHERE st.slug = 'new' AND NOT p.archived"));
      SQLException e = assertThrows(SQLException.class, () -> s.execute(insert));
      assertEquals("23505", e.getSQLState());
    }
  }

  @Test
  void anEditedMigrationIsRefused() throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      String checksum = single(c, "SELECT checksum::text FROM flyway_schema_history WHERE version = '1'");
      s.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
      try {
        SQLException e = assertThrows(SQLException.class, () -> Schema.migrate(c));
        assertTrue(e.getMessage().contains("new migration"), e.getMessage());
      } finally {
        s.execute("UPDATE flyway_schema_history SET checksum = " + checksum + " WHERE version = '1'");
      }
      assertEquals(Schema.latestVersion(), Schema.migrate(c));
    }
  }

  static List<String> history(Connection c) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank")) {
      while (rs.next()) {
        assertTrue(rs.getBoolean(3), "a failed migration is recorded: " + rs.getString(1));
        rows.add(rs.getString(1) + "|" + rs.getString(2));
      }
    }
    return rows;
  }

  static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
