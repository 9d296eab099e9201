package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Patchwork's own revision mails (shared/corpus/patchwork-tests/series) ingested by the parser and
 * tracker into the real PostgreSQL, then linked: the link row, the patch relations the API's
 * {@code related} shows, the superseded states with their events, and a second run that changes
 * nothing.
 */
@ExtendWith(SharedPostgres.class)
class LinkRevisionsGoldenTest {
  private final TestDatabase db;

  LinkRevisionsGoldenTest(TestDatabase db) throws SQLException {
    this.db = db;
    try (Connection c = db.connect()) {
      Schema.migrate(c);
    }
  }

  private long ingest(Connection c, String project, String file) throws IOException, SQLException {
    Path mbox = SharedFiles.root().resolve("corpus/patchwork-tests/series/" + file);
    return TestIngest.ingest(c, project + ".example.org", Corpus.pythonMbox(mbox));
  }

  @Test
  void revisionBasicSupersedesVersionOneAndRelatesEachPatch() throws Exception {
    try (Connection c = db.connect()) {
      long project = ingest(c, "basic", "revision-basic.mbox");
      LinkRevisions.Summary first = new LinkRevisions(c).run("basic");
      assertEquals(2, first.series());
      assertEquals(1, first.links().size());
      assertEquals(RevisionLink.Reason.VERSION, first.links().get(0).reason());
      assertEquals(2, first.superseded());
      assertEquals(List.of(
              "[1/2] test: Add some lorem ipsum|superseded|[v2,1/2] test: Add some lorem ipsum",
              "[2/2] test: Convert to Markdown|superseded|[v2,2/2] test: Convert to Markdown",
              "[v2,1/2] test: Add some lorem ipsum|new|[1/2] test: Add some lorem ipsum",
              "[v2,2/2] test: Convert to Markdown|new|[2/2] test: Convert to Markdown"),
          patches(c, project));
      assertEquals(List.of("version"), strings(c, "SELECT r.reason FROM series_revision r JOIN series s"
          + " ON s.id = r.series_id WHERE s.project_id = " + project));
      assertEquals(2, count(c, "SELECT count(*) FROM event WHERE project_id = " + project
          + " AND category = 'patch-state-changed' AND previous_state_id = 1 AND current_state_id = 9"));
      assertEquals(4, count(c, "SELECT count(*) FROM event WHERE project_id = " + project
          + " AND category = 'patch-relation-changed' AND previous_relation_id IS NULL"));

      LinkRevisions.Summary again = new LinkRevisions(c).run("basic");
      assertEquals(List.of(), again.links());
      assertEquals(0, again.superseded());
    }
  }

  @Test
  void threadedSinglePatchLinksWithoutSupersedingWhereTheProjectSaysNo() throws Exception {
    try (Connection c = db.connect()) {
      long project = ingest(c, "keep", "revision-threaded-to-single-patch.mbox");
      try (PreparedStatement u = c.prepareStatement("UPDATE project SET supersede_revisions = false WHERE id = ?")) {
        u.setLong(1, project);
        u.executeUpdate();
      }
      LinkRevisions.Summary run = new LinkRevisions(c).run("keep");
      assertEquals(RevisionLink.Reason.THREAD, run.links().get(0).reason());
      assertEquals(0, run.superseded());
      assertEquals(List.of(
              "[v2] test: Add some lorem ipsum|new|test: Add some lorem ipsum",
              "test: Add some lorem ipsum|new|[v2] test: Add some lorem ipsum"),
          patches(c, project));
    }
  }

  @Test
  void acceptedPatchesOfTheOlderRevisionStayAccepted() throws Exception {
    try (Connection c = db.connect()) {
      long project = ingest(c, "acc", "revision-threaded-to-cover.mbox");
      try (PreparedStatement u = c.prepareStatement("UPDATE patch SET state_id = 3 WHERE project_id = ? AND name = ?")) {
        u.setLong(1, project);
        u.setString(2, "[1/2] test: Add some lorem ipsum");
        assertEquals(1, u.executeUpdate());
      }
      LinkRevisions.Summary run = new LinkRevisions(c).run("acc");
      assertEquals(1, run.superseded());
      assertEquals(List.of("[1/2] test: Add some lorem ipsum|accepted", "[2/2] test: Convert to Markdown|superseded"),
          strings(c, "SELECT p.name || '|' || st.slug FROM patch p JOIN state st ON st.id = p.state_id"
              + " WHERE p.project_id = " + project + " AND p.name NOT LIKE '[v2%' ORDER BY p.name"));
    }
  }

  @Test
  void concurrentRunsLinkAndSupersedeOnce() throws Exception {
    long project;
    try (Connection c = db.connect()) {
      project = ingest(c, "twice", "revision-out-of-order.mbox");
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<LinkRevisions.Summary>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          try (Connection c = db.connect()) {
            return new LinkRevisions(c).run("twice");
          }
        }));
      }
      int links = 0;
      int superseded = 0;
      for (java.util.concurrent.Future<LinkRevisions.Summary> run : runs) {
        links += run.get().links().size();
        superseded += run.get().superseded();
      }
      assertEquals(1, links, "one run links, the other finds it done");
      assertEquals(2, superseded);
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = db.connect()) {
      assertEquals(2, count(c, "SELECT count(*) FROM event WHERE project_id = " + project
          + " AND category = 'patch-state-changed'"));
    }
  }

  @Test
  void apiShowsRelatedPatchesAndSeries() throws Exception {
    long project;
    try (Connection c = db.connect()) {
      project = ingest(c, "api", "revision-threaded-to-patch.mbox");
      new LinkRevisions(c).run("api");
    }
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(db.jdbcUrl());
    ds.setUser(db.user());
    try (org.patchpipe.store.api.ApiServer api =
        org.patchpipe.store.api.ApiServer.start(org.patchpipe.store.api.ApiConfig.ephemeral(), ds);
        Connection c = db.connect()) {
      List<String> series = strings(c, "SELECT id FROM series WHERE project_id = " + project + " ORDER BY id");
      com.fasterxml.jackson.databind.JsonNode v2 = get(api, "/api/1.2/series/" + series.get(1) + "/");
      assertEquals(1, v2.get("related").size());
      assertEquals(Long.parseLong(series.get(0)), v2.get("related").get(0).get("id").asLong());
      com.fasterxml.jackson.databind.JsonNode v1 = get(api, "/api/1.2/series/" + series.get(0) + "/");
      assertEquals(Long.parseLong(series.get(1)), v1.get("related").get(0).get("id").asLong());
      String patch = strings(c, "SELECT id FROM patch WHERE project_id = " + project
          + " AND name = '[1/2] test: Add some lorem ipsum'").get(0);
      com.fasterxml.jackson.databind.JsonNode p = get(api, "/api/1.2/patches/" + patch + "/");
      assertEquals("superseded", p.get("state").asText());
      assertEquals(1, p.get("related").size());
      assertEquals("<1473633142-10432-2-git-send-email-stephenfinucane@gmail.com>", // v2 1/2
          p.get("related").get(0).get("msgid").asText());
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode get(org.patchpipe.store.api.ApiServer api, String path)
      throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + path)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
  }

  /** name|state|names of its related patches, for every patch of the project. */
  private static List<String> patches(Connection c, long project) throws SQLException {
    return strings(c, "SELECT p.name || '|' || st.slug || '|' || coalesce((SELECT string_agg(o.name, ',' ORDER BY o.id)"
        + " FROM patch o WHERE o.related_id = p.related_id AND o.id <> p.id), '') FROM patch p"
        + " JOIN state st ON st.id = p.state_id WHERE p.project_id = " + project + " ORDER BY p.name");
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
