package org.patchpipe.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The rows and events PgSeriesState's journal writes are Patchwork's (its answers are the
 * contract's, {@link PgSeriesStateContractTest}). Each test runs in a transaction that is rolled back.
 */
@ExtendWith(SharedPostgres.class)
class PgSeriesStateTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 10, 0);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final TestDatabase db;
  private Connection connection;
  private PgSeriesState pg;
  private long project;

  PgSeriesStateTest(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void open() throws SQLException {
    connection = db.connect();
    Schema.migrate(connection);
    connection.setAutoCommit(false);
    project = new ProjectRepository(connection).findOrCreate("test.example.org").id();
    pg = new PgSeriesState(connection, CLOCK);
  }

  @AfterEach
  void close() throws SQLException {
    pg.close();
    connection.rollback();
    connection.close();
  }

  @Test
  void writesPatchworksEventsForASeriesArrivingOutOfOrder() throws SQLException {
    long alice = pg.createPerson("alice@example.org", "Alice").id();
    Series series = pg.createSeries(project, T0, alice, 1, 3);
    long[] ids = new long[4];
    for (int n : new int[] {2, 3, 1}) {
      ids[n] = pg.addPatch(project, TestMails.patch("<p" + n + "@x>", "[" + n + "/3] t", T0, "alice@example.org", List.of()),
          alice, T0).id();
      pg.attachPatch(series.id(), ids[n], n);
    }
    pg.flush();
    List<String> events = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT category, patch_id, series_id, date FROM event ORDER BY id")) {
      while (rs.next()) {
        String patch = rs.getObject(2) == null ? "-" : "p" + indexOf(ids, rs.getLong(2));
        String ser = rs.getObject(3) == null ? "-" : "s";
        events.add(rs.getString(1) + " " + patch + " " + ser);
        assertEquals(LocalDateTime.of(2026, 1, 1, 0, 0), rs.getObject(4, LocalDateTime.class));
      }
    }
    assertEquals(List.of(
        "series-created - s",
        "patch-created p2 -",
        "patch-created p3 -",
        "patch-created p1 -",
        "patch-completed p1 s", "patch-completed p2 s", "patch-completed p3 s",
        "series-completed - s"), events);
  }

  @Test
  void patchHintsSetStateAndDelegate() throws SQLException {
    long alice = pg.createPerson("alice@example.org", "Alice").id();
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO auth_user (username, email) VALUES ('maint', 'Maint@Example.org')");
    }
    ParsedMail.Patch base = TestMails.patch("<h1@x>", "hinted", T0, "alice@example.org", List.of());
    ParsedMail.Patch hinted = new ParsedMail.Patch(base.envelope(), base.content(), base.diff(), base.hash(),
        base.pullUrl(), base.tags(), "under review", "maint@example.org");
    long id = pg.addPatch(project, hinted, alice, T0).id();
    ParsedMail.Patch unknown = new ParsedMail.Patch(TestMails.envelope("<h2@x>", "plain", T0, "alice@example.org", List.of()),
        base.content(), base.diff(), base.hash(), base.pullUrl(), base.tags(), "no such state", "nobody@example.org");
    long id2 = pg.addPatch(project, unknown, alice, T0).id();
    pg.flush();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT p.id, st.slug, u.username, p.archived, p.hash, p.commit_ref FROM patch p"
            + " JOIN state st ON st.id = p.state_id LEFT JOIN auth_user u ON u.id = p.delegate_id ORDER BY p.id")) {
      assertTrue(rs.next());
      assertEquals(id, rs.getLong(1));
      assertEquals("under-review", rs.getString(2));
      assertEquals("maint", rs.getString(3));
      assertFalse(rs.getBoolean(4));
      assertEquals(base.hash(), rs.getString(5));
      assertTrue(rs.next());
      assertEquals(id2, rs.getLong(1));
      assertEquals("new", rs.getString(2));
      assertEquals(null, rs.getString(3));
      assertEquals(null, rs.getString(6));
    }
  }

  @Test
  void delegationRulesMatchLikeFnmatch() {
    assertTrue(PatchHints.fnmatch("drivers/*").matcher("drivers/net/a.c").matches());
    assertFalse(PatchHints.fnmatch("drivers/*.h").matcher("drivers/net/a.c").matches());
    assertTrue(PatchHints.fnmatch("[!a]*.c").matcher("b/x.c").matches());
    assertEquals(List.of("f", "lib/x.c"),
        List.copyOf(PatchHints.files("--- a/f\n+++ b/f\n--- /dev/null\n+++ b/lib/x.c\n")));
  }

  private static int indexOf(long[] ids, long id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
