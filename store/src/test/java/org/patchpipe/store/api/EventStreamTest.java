package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.api.event.EventStream;
import org.patchpipe.store.api.sse.SseHub;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * {@code /events/stream/} over a real PostgreSQL with java.net.http as the client: new events
 * arrive as written to the {@code event} table, under the list's filters; {@code Last-Event-ID}
 * replays; heartbeats; the subscriber cap answers 503 and a client that leaves frees its place;
 * closing the server ends the streams.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final EventStream.Config FAST = new EventStream.Config(
      new SseHub.Limits(2, 1200, Duration.ofMillis(200), Duration.ofSeconds(1)), Duration.ofMillis(50), 3);

  private TestDatabase db;
  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase database) throws SQLException {
    db = database;
    ApiFixture.start(database).close();
    api = ApiFixture.over(database, new EventStream.Config(
        new SseHub.Limits(64, 100, Duration.ofMillis(300), Duration.ofSeconds(5)), Duration.ofMillis(50), 3));
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void newEventsArriveUnderTheProjectFilter() throws Exception {
    try (SseReader stream = open(api, "/api/1.2/events/stream/?project=openrisc", Map.of())) {
      assertEquals(200, stream.response().statusCode());
      assertEquals("text/event-stream; charset=utf-8", stream.response().headers().firstValue("Content-Type").get());
      assertEquals("no-cache", stream.response().headers().firstValue("Cache-Control").get());
      waitSubscribed(stream);
      long other = event(2, "patch-created", "patch_id", 5);
      long mine = event(1, "patch-created", "patch_id", 2);
      SseReader.Frame frame = stream.nextEvent(WAIT);
      assertNotNull(frame, "no event arrived");
      assertEquals(Long.toString(mine), frame.id(), "the other project's event " + other + " is filtered out");
      JsonNode json = Json.mapper().readTree(frame.data());
      assertEquals(mine, json.get("id").asLong());
      assertEquals("patch-created", json.get("category").asText());
      assertEquals("openrisc", json.get("project").get("link_name").asText());
      assertEquals(2, json.get("payload").get("patch").get("id").asLong());
      assertTrue(json.get("payload").get("patch").get("url").asText().startsWith(api.server.baseUrl() + "/api/1.2/"));
      // The same JSON as the list's.
      HttpResponse<String> listed = api.get("/api/1.2/events/?project=openrisc");
      JsonNode first = Json.mapper().readTree(listed.body()).get(0);
      assertEquals(first, json);
    }
  }

  @Test
  void categoryAndPatchFiltersApply() throws Exception {
    try (SseReader stream = open(api, "/api/1.3/events/stream/?category=patch-comment-created&patch=1", Map.of())) {
      waitSubscribed(stream);
      event(1, "patch-created", "patch_id", 1);
      event(1, "patch-comment-created", "patch_id", 2);
      long wanted = eventSql("INSERT INTO event (project_id, category, date, patch_id, patch_comment_id)"
          + " VALUES (1, 'patch-comment-created', now(), 1, 1) RETURNING id");
      SseReader.Frame frame = stream.nextEvent(WAIT);
      assertEquals(Long.toString(wanted), frame.id());
      assertTrue(frame.data().contains("\"comment\":{"), frame.data());
    }
    // 1.2 clients are never served the comment categories.
    try (SseReader stream = open(api, "/api/1.2/events/stream/?category=patch-comment-created", Map.of())) {
      waitSubscribed(stream);
      eventSql("INSERT INTO event (project_id, category, date, patch_id, patch_comment_id)"
          + " VALUES (1, 'patch-comment-created', now(), 1, 1) RETURNING id");
      assertNull(stream.nextEvent(Duration.ofMillis(600)));
    }
  }

  @Test
  void anEventCommittedAfterAHigherOneStillArrives() throws Exception {
    try (SseReader stream = open(api, "/api/1.2/events/stream/?project=linux-efi", Map.of());
        Connection slow = api.connect()) {
      waitSubscribed(stream);
      slow.setAutoCommit(false);
      long early;
      try (Statement s = slow.createStatement(); ResultSet rs = s.executeQuery("INSERT INTO event"
          + " (project_id, category, date, patch_id) VALUES (2, 'patch-created', now(), 5) RETURNING id")) {
        rs.next();
        early = rs.getLong(1);
      }
      long late = event(2, "patch-created", "patch_id", 5);
      assertTrue(late > early);
      assertEquals(Long.toString(late), stream.nextEvent(WAIT).id());
      Thread.sleep(200);
      slow.commit();
      assertEquals(Long.toString(early), stream.nextEvent(WAIT).id(), "the id skipped by a poll is asked for again");
      assertNull(stream.nextEvent(Duration.ofMillis(300)), "and sent once");
    }
  }

  @Test
  void lastEventIdReplaysThenGoesLive() throws Exception {
    long a = event(2, "patch-created", "patch_id", 5);
    long b = event(2, "patch-created", "patch_id", 5);
    long c = event(2, "patch-created", "patch_id", 5);
    try (SseReader stream = open(api, "/api/1.2/events/stream/?project=linux-efi",
        Map.of("Last-Event-ID", Long.toString(a)))) {
      assertEquals(Long.toString(b), stream.nextEvent(WAIT).id(), "nothing up to Last-Event-ID comes again");
      assertEquals(Long.toString(c), stream.nextEvent(WAIT).id());
      long d = event(2, "patch-created", "patch_id", 5);
      assertEquals(Long.toString(d), stream.nextEvent(WAIT).id());
    }
  }

  @Test
  void aLongReplayEndsAfterItsLimitForTheClientToResume() throws Exception {
    long start = event(2, "series-created", "series_id", null);
    long[] ids = new long[5];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = event(2, "series-created", "series_id", null);
    }
    try (SseReader stream = open(api, "/api/1.2/events/stream/?category=series-created",
        Map.of("Last-Event-ID", Long.toString(start)))) {
      for (int i = 0; i < 3; i++) {
        assertEquals(Long.toString(ids[i]), stream.nextEvent(WAIT).id());
      }
      assertSame(SseReader.END, stream.nextEvent(WAIT), "the stream ends after the replay limit (3)");
    }
    try (SseReader stream = open(api, "/api/1.2/events/stream/?category=series-created",
        Map.of("Last-Event-ID", Long.toString(ids[2])))) {
      assertEquals(Long.toString(ids[3]), stream.nextEvent(WAIT).id());
      assertEquals(Long.toString(ids[4]), stream.nextEvent(WAIT).id());
    }
  }

  @Test
  void heartbeatsAreComments() throws Exception {
    try (SseReader stream = open(api, "/api/1.2/events/stream/", Map.of())) {
      assertTrue(stream.awaitComment("ping", WAIT), "no heartbeat");
    }
  }

  @Test
  void theCapAnswers503AndALeavingClientFreesItsPlace() throws Exception {
    try (ApiFixture small = ApiFixture.over(db, FAST)) {
      SseReader first = open(small, "/api/1.2/events/stream/", Map.of());
      try (SseReader second = open(small, "/api/1.2/events/stream/", Map.of())) {
        assertEquals(200, second.response().statusCode());
        HttpResponse<String> refused = small.get("/api/1.2/events/stream/");
        assertEquals(503, refused.statusCode());
        assertEquals("application/json", refused.headers().firstValue("Content-Type").get());
        assertTrue(refused.body().contains("Too many event streams"), refused.body());
        first.close();
        // The next heartbeats to the closed connection fail, and its place is freed.
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 503;
        while (status == 503 && System.nanoTime() < deadline) {
          Thread.sleep(100);
          SseReader third = open(small, "/api/1.2/events/stream/", Map.of());
          status = third.response().statusCode();
          if (status == 503) {
            third.close();
          }
        }
        assertEquals(200, status, "a departed client's place is reused");
        // The one that stayed still gets its heartbeats.
        assertTrue(second.awaitComment("ping", WAIT), "no heartbeat");
      }
    }
  }

  @Test
  void aClientThatDoesNotReadIsDroppedWithoutSlowingTheOthers() throws Exception {
    try (ApiFixture small = ApiFixture.over(db, FAST);
        java.net.Socket stalled = new java.net.Socket()) {
      // A client that asks and then never reads: its window fills, the server's writes to it block.
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new java.net.InetSocketAddress("127.0.0.1", small.server.port()));
      stalled.getOutputStream().write(("GET /api/1.2/events/stream/?project=openrisc HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();
      try (SseReader reader = open(small, "/api/1.2/events/stream/?project=openrisc", Map.of())) {
        waitSubscribed(reader);
        // Far more than the stalled client's socket buffers and its queue (1,200 frames) hold.
        try (Connection c = small.connect(); Statement s = c.createStatement()) {
          s.execute("INSERT INTO event (project_id, category, date, patch_id)"
              + " SELECT 1, 'patch-created', now(), 1 FROM generate_series(1, 4000)");
        }
        long started = System.nanoTime();
        int received = 0;
        while (received < 4000) {
          SseReader.Frame frame = reader.nextEvent(Duration.ofSeconds(10));
          assertNotNull(frame, "the reading client stalled after " + received + " events");
          received++;
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos());
        // The stalled client was dropped: its place is free again (the cap is 2).
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 503;
        while (status == 503 && System.nanoTime() < deadline) {
          try (SseReader third = open(small, "/api/1.2/events/stream/", Map.of())) {
            status = third.response().statusCode();
          }
          Thread.sleep(100);
        }
        assertEquals(200, status, "the stalled client still holds its place");
      }
    }
  }

  @Test
  void headAnswersTheHeadersAndKeepsNoPlace() throws Exception {
    try (ApiFixture small = ApiFixture.over(db, FAST)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> head = small.http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(small.url("/api/1.2/events/stream/"))).method("HEAD",
            java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
      }
      try (SseReader stream = open(small, "/api/1.2/events/stream/", Map.of())) {
        assertEquals(200, stream.response().statusCode());
      }
    }
  }

  @Test
  void closingTheServerEndsTheStreams() throws Exception {
    SseReader stream;
    try (ApiFixture small = ApiFixture.over(db, FAST)) {
      stream = open(small, "/api/1.2/events/stream/", Map.of());
      assertEquals(200, stream.response().statusCode());
    }
    SseReader.Frame frame;
    do {
      frame = stream.next(WAIT);
    } while (frame != null && frame != SseReader.END);
    assertSame(SseReader.END, frame, "the stream ended with the server");
  }

  @Test
  void unknownFilterValuesMatchNothingButStream() throws Exception {
    try (SseReader stream = open(api, "/api/1.2/events/stream/?project=nosuch", Map.of())) {
      assertEquals(200, stream.response().statusCode());
      waitSubscribed(stream);
      event(1, "patch-created", "patch_id", 1);
      assertNull(stream.nextEvent(Duration.ofMillis(500)));
    }
    assertEquals(404, api.get("/api/1.2/events/streams/").statusCode());
    assertEquals(301, api.get("/api/1.2/events/stream").statusCode());
  }

  /** Waits for the server to attach the stream, so events written from now on reach it. */
  private static void waitSubscribed(SseReader stream) throws InterruptedException {
    assertTrue(stream.awaitSubscribed(WAIT), "the stream was never attached");
  }

  private static SseReader open(ApiFixture fixture, String path, Map<String, String> headers) throws Exception {
    return SseReader.open(fixture.url(path), headers);
  }

  private long event(long project, String category, String column, Integer id) throws SQLException {
    String sql = id == null
        ? "INSERT INTO event (project_id, category, date, series_id) VALUES (" + project + ", '" + category
            + "', now(), 1) RETURNING id"
        : "INSERT INTO event (project_id, category, date, " + column + ") VALUES (" + project + ", '" + category
            + "', now(), " + id + ") RETURNING id";
    return eventSql(sql);
  }

  private long eventSql(String sql) throws SQLException {
    try (Connection c = api.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
