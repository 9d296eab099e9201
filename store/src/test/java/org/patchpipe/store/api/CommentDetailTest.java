package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * API 1.3's comment detail over a real PostgreSQL: the view exists from 1.3 on only, reads the
 * comment under its own patch or cover only, and lets exactly Patchwork's users change
 * {@code addressed} (the comment's submitter; the patch's submitter or delegate, the cover's
 * submitter; a project maintainer); and the comment events, served from 1.3 on with their
 * embedded comment.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommentDetailTest {
  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      // 10: on patch 2 by person 3 (user "other"); 11: on patch 3 (submitted by person 3) by person 1;
      // 12: on the cover by person 3; 13: on patch 1 by person 1, nobody's but the maintainer's to change.
      s.execute("INSERT INTO patch_comment (id, patch_id, msgid, date, headers, submitter_id, content) VALUES"
          + " (10, 2, '<c10@example.com>', '2019-05-11 10:00:00', 'Subject: Re: again', 3, 'Mine.'),"
          + " (11, 3, '<c11@example.com>', '2020-01-02 10:00:00', 'Subject: Re: idea', 1, 'On yours.'),"
          + " (13, 1, '<c13@example.com>', '2019-05-12 10:00:00', 'Subject: Re: world', 1, 'Hm.')");
      s.execute("INSERT INTO cover_comment (id, cover_id, msgid, date, headers, submitter_id, content) VALUES"
          + " (12, 1, '<c12@example.com>', '2019-05-11 11:00:00', 'Subject: Re: cover', 3, 'Mine too.')");
      s.execute("INSERT INTO event (category, project_id, patch_id, patch_comment_id) VALUES"
          + " ('patch-comment-created', 1, 1, 1)");
      s.execute("INSERT INTO event (category, project_id, cover_id, cover_comment_id) VALUES"
          + " ('cover-comment-created', 1, 1, 2)");
    }
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private HttpResponse<String> patch(String path, String body, String token) throws Exception {
    return api.send("PATCH", path, body, token);
  }

  @Test
  void detailIsTheListEntryWithItsOwnUrl() throws Exception {
    HttpResponse<String> r = api.get("/api/1.3/patches/1/comments/1/");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("GET, PUT, PATCH, HEAD, OPTIONS", r.headers().firstValue("Allow").orElseThrow());
    JsonNode comment = json(r);
    assertEquals(json(api.get("/api/1.3/patches/1/comments/")).get(0), comment);
    assertEquals(api.url("/api/1.3/patches/1/comments/1/"), comment.get("url").asText());
    assertTrue(comment.get("addressed").isNull());
    assertEquals(api.url("/api/1.4/covers/1/comments/2/"),
        json(api.get("/api/1.4/covers/1/comments/2/")).get("url").asText());
    assertEquals(api.url("/api/covers/1/comments/2/"), json(api.get("/api/covers/1/comments/2/")).get("url").asText());
  }

  @Test
  void detailExistsFromApi13OnAndUnderItsParentOnly() throws Exception {
    for (String version : List.of("1.0", "1.1", "1.2")) {
      assertEquals(404, api.get("/api/" + version + "/patches/1/comments/1/").statusCode(), version);
      assertEquals(404, api.get("/api/" + version + "/covers/1/comments/2/").statusCode(), version);
    }
    assertEquals(404, api.get("/api/1.3/patches/2/comments/1/").statusCode(), "another patch's comment");
    assertEquals(404, api.get("/api/1.3/patches/999/comments/1/").statusCode());
    assertEquals(404, api.get("/api/1.3/covers/1/comments/1/").statusCode(), "a patch comment under a cover");
    assertEquals(404, api.get("/api/1.3/patches/1/comments/x/").statusCode());
    assertEquals(404, patch("/api/1.3/patches/2/comments/1/", "{\"addressed\": true}",
        ApiFixture.MAINTAINER_TOKEN).statusCode());
  }

  @Test
  void anonymousAndUnrelatedUsersAre403() throws Exception {
    HttpResponse<String> anonymous = patch("/api/1.3/patches/1/comments/13/", "{\"addressed\": true}", null);
    assertEquals(403, anonymous.statusCode());
    assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", anonymous.body());
    HttpResponse<String> other = patch("/api/1.3/patches/1/comments/13/", "{\"addressed\": true}",
        ApiFixture.OTHER_TOKEN);
    assertEquals(403, other.statusCode());
    assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", other.body());
    assertEquals(403, patch("/api/1.3/covers/1/comments/2/", "{\"addressed\": true}", ApiFixture.OTHER_TOKEN)
        .statusCode());
    assertTrue(json(api.get("/api/1.3/patches/1/comments/13/")).get("addressed").isNull());
  }

  @Test
  void maintainerSetsAndClearsAddressed() throws Exception {
    HttpResponse<String> set = patch("/api/1.3/patches/1/comments/13/", "{\"addressed\": true}",
        ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, set.statusCode(), set.body());
    assertTrue(json(set).get("addressed").asBoolean());
    assertTrue(json(api.get("/api/1.3/patches/1/comments/13/")).get("addressed").asBoolean());
    assertEquals("false", json(api.send("PUT", "/api/1.3/patches/1/comments/13/", "{\"addressed\": \"0\"}",
        ApiFixture.MAINTAINER_TOKEN)).get("addressed").asText());
    assertEquals(200, patch("/api/1.3/patches/1/comments/13/", "{\"content\": \"read-only, ignored\"}",
        ApiFixture.MAINTAINER_TOKEN).statusCode());
    JsonNode cleared = json(patch("/api/1.3/patches/1/comments/13/", "{\"addressed\": null}",
        ApiFixture.MAINTAINER_TOKEN));
    assertTrue(cleared.get("addressed").isNull());
    assertEquals("Hm.", cleared.get("content").asText());
  }

  @Test
  void submittersOfTheCommentOrOfItsParentMayChangeIt() throws Exception {
    assertEquals(200, patch("/api/1.3/patches/2/comments/10/", "{\"addressed\": true}", ApiFixture.OTHER_TOKEN)
        .statusCode(), "the comment's submitter");
    assertEquals(200, patch("/api/1.3/patches/3/comments/11/", "{\"addressed\": true}", ApiFixture.OTHER_TOKEN)
        .statusCode(), "the patch's submitter");
    assertEquals(200, patch("/api/1.3/covers/1/comments/12/", "{\"addressed\": true}", ApiFixture.OTHER_TOKEN)
        .statusCode(), "the cover comment's submitter");
    assertTrue(json(api.get("/api/1.3/covers/1/comments/12/")).get("addressed").asBoolean());
  }

  @Test
  void invalidAddressedIs400AndChangesNothing() throws Exception {
    HttpResponse<String> r = patch("/api/1.3/covers/1/comments/2/", "{\"addressed\": \"not-valid\"}",
        ApiFixture.MAINTAINER_TOKEN);
    assertEquals(400, r.statusCode());
    assertEquals("{\"addressed\":[\"Must be a valid boolean.\"]}", r.body());
    assertEquals(400, patch("/api/1.3/covers/1/comments/2/", "[true]", ApiFixture.MAINTAINER_TOKEN).statusCode());
    assertTrue(json(api.get("/api/1.3/covers/1/comments/2/")).get("addressed").isNull());
  }

  @Test
  void commentEventsFrom13OnWithTheirComment() throws Exception {
    assertEquals(0, json(api.get("/api/1.2/events/?category=patch-comment-created")).size());
    JsonNode events = json(api.get("/api/1.3/events/?category=patch-comment-created"));
    assertEquals(1, events.size());
    JsonNode payload = events.get(0).get("payload");
    assertEquals(List.of("patch", "comment"), names(payload));
    assertEquals(1, payload.get("patch").get("id").asInt());
    JsonNode comment = payload.get("comment");
    assertEquals(List.of("id", "url", "web_url", "msgid", "list_archive_url", "date", "name"), names(comment));
    assertEquals(api.url("/api/1.3/patches/1/comments/1/"), comment.get("url").asText());
    assertEquals(200, api.get(comment.get("url").asText().substring(api.url("").length())).statusCode());
    assertEquals("Re: [PATCH 1/2] or1k: Add a\n world", comment.get("name").asText());
    JsonNode cover = json(api.get("/api/1.4/events/?category=cover-comment-created")).get(0).get("payload");
    assertEquals(List.of("cover", "comment"), names(cover));
    assertEquals(api.url("/api/1.4/covers/1/comments/2/"), cover.get("comment").get("url").asText());
    assertEquals(2, json(api.get("/api/1.3/events/?project=1")).size());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
