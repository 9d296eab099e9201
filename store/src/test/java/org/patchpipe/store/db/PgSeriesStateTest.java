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
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.SeriesState;
import org.patchpipe.parser.series.SeriesState.PendingReply;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * PgSeriesState against the in-memory reference: the same calls give the same answers, and the
 * rows and events are Patchwork's. Each test runs in a transaction that is rolled back.
 */
@ExtendWith(SharedPostgres.class)
class PgSeriesStateTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 10, 0);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final TestDatabase db;
  private Connection connection;
  private PgSeriesState pg;
  private InMemorySeriesState mem;
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
    mem = new InMemorySeriesState();
  }

  @AfterEach
  void close() throws SQLException {
    pg.close();
    connection.rollback();
    connection.close();
  }

  /** Runs the same scenario on both states and compares every answer. */
  @Test
  void answersLikeTheInMemoryState() {
    assertEquals(scenario(mem, 1), scenario(pg, project));
  }

  @Test
  void answersLikeTheInMemoryStateWithTheCacheInFront() {
    assertEquals(scenario(mem, 1), scenario(new CachingSeriesState(pg), project));
  }

  private List<Object> scenario(SeriesState s, long projectId) {
    List<Object> out = new ArrayList<>();
    long alice = s.createPerson("Alice@Example.org", "Alice").id();
    out.add(s.findPerson("alice@example.ORG").map(p -> p.email() + "|" + p.name()));
    s.renamePerson(alice, "Alice A.");
    out.add(s.findPerson("alice@example.org").map(SeriesState.Person::name));
    out.add(s.findPerson("bob@example.org").isPresent());

    ParsedMail.CoverLetter cover = TestMails.cover("<c0@x>", "[PATCH 0/3] thing", T0, "alice@example.org");
    long coverId = s.addCover(projectId, cover, alice, T0).id();
    Series series = s.createSeries(projectId, T0, alice, 1, 3);
    s.addReference(projectId, "<c0@x>", series.id());
    s.addReference(projectId, "<c0@x>", series.id());
    s.attachCover(series.id(), coverId);
    s.renameSeries(series.id(), "thing");
    out.add(s.coverNameExists("[PATCH 0/3] thing"));
    out.add(s.coverNameExists("[PATCH 0/3] other"));

    long[] patches = new long[4];
    for (int n : new int[] {2, 1, 3}) {
      ParsedMail.Patch p = TestMails.patch("<p" + n + "@x>", "[" + n + "/3] thing", T0.plusMinutes(n),
          "alice@example.org", List.of("<c0@x>"));
      patches[n] = s.addPatch(projectId, p, alice, T0.plusMinutes(n)).id();
      out.add(s.findSeriesByReference(projectId, "<c0@x>").map(x -> x.name() + "|" + x.total()));
      out.add(s.hasPatchNumber(series.id(), n));
      s.attachPatch(series.id(), patches[n], n);
      out.add(s.hasPatchNumber(series.id(), n));
      out.add(s.patchNumbers(series.id()));
      out.add(s.addPatchTags(patches[n], p.tags()));
    }
    out.add(s.findPatch(projectId, "<p1@x>").map(p -> p.msgid() + "|" + p.seriesId().equals(series.id()) + "|" + p.number()));
    out.add(s.findPatch(projectId, "<p9@x>").isPresent());
    out.add(s.findCover(projectId, "<c0@x>").map(c -> c.name() + "|" + (c.seriesId() != null)));
    out.add(s.findPatchByNumber(series.id(), 1).map(SeriesState.StoredPatch::msgid));
    out.add(s.seriesKey(series.id()));
    out.add(s.series(series.id()).coverId() != null);

    s.addPatchComment(patches[1], TestMails.comment("<r1@x>", T0.plusHours(1), "bob@example.org", List.of("<p1@x>"), true),
        alice, T0.plusHours(1));
    s.addPatchComment(patches[2], TestMails.comment("<r1@x>", T0.plusHours(2), "bob@example.org", List.of("<p2@x>"), false),
        alice, T0.plusHours(2));
    out.add(s.findPatchOfComment(projectId, "<r1@x>").map(SeriesState.StoredPatch::msgid));
    out.add(s.hasPatchComment(patches[1], "<r1@x>"));
    out.add(s.hasPatchComment(patches[3], "<r1@x>"));
    out.add(s.addPatchTags(patches[1], new Tags(0, 1, 0)));
    s.addCoverComment(coverId, TestMails.comment("<r2@x>", T0.plusHours(3), "bob@example.org", List.of("<c0@x>"), false),
        alice, T0.plusHours(3));
    out.add(s.findCoverOfComment(projectId, "<r2@x>").map(SeriesState.StoredCover::msgid));
    out.add(s.hasCoverComment(coverId, "<r2@x>"));

    Series other = s.createSeries(projectId, T0.plusMinutes(10), alice, 1, 3);
    out.add(s.findSeriesByMarker(projectId, alice, 1, 3, T0.minusMinutes(20), T0.plusMinutes(20)).stream()
        .map(x -> x.id() == other.id() ? "other" : "first").toList());
    out.add(s.findSeriesByMarker(projectId, alice, 2, 3, T0.minusMinutes(20), T0.plusMinutes(20)).size());
    out.add(s.seriesKey(other.id()));

    ParsedMail.Comment early = TestMails.comment("<e1@x>", T0, "carol@example.org", List.of("<late@x>", "<root@x>"), false);
    ParsedMail.Comment early2 = TestMails.comment("<e2@x>", T0, "carol@example.org", List.of("<late@x>"), false);
    s.addPendingReply(projectId, early.envelope().references(), early, T0, 7);
    s.addPendingReply(projectId, early2.envelope().references(), early2, T0, 5);
    out.add(s.takePendingReplies(projectId, "<nothing@x>").size());
    List<PendingReply> taken = s.takePendingReplies(projectId, "<late@x>");
    out.add(taken.stream().map(r -> r.mail().msgid() + "|" + r.references() + "|" + r.arrival() + "|" + r.date()
        + "|" + r.mail().equals(r.arrival() == 7 ? early : early2)).toList());
    out.add(s.takePendingReplies(projectId, "<root@x>").size());
    return out;
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
