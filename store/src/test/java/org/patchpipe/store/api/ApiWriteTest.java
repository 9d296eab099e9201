package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Who may change what, against a real PostgreSQL: Patchwork's 403 for anonymous and for users who
 * are neither maintainer, submitter nor delegate; validation answers (400); the events a state
 * change, a delegation and a check record; checks' combined state.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWriteTest {
  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  @Test
  void anonymousPatchIs403AndChangesNothing() throws Exception {
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/patches/2/", "{\"state\": \"accepted\"}", null);
    assertEquals(403, r.statusCode());
    assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", r.body());
    assertEquals("new", json(api.get("/api/1.2/patches/2/")).get("state").asText());
  }

  @Test
  void unknownPatchIs404BeforePermissions() throws Exception {
    assertEquals(404, api.send("PATCH", "/api/1.2/patches/999/", "{\"state\": \"accepted\"}", null).statusCode());
  }

  @Test
  void userWhoIsNotMaintainerSubmitterOrDelegateIs403() throws Exception {
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/patches/2/", "{\"state\": \"rejected\"}", ApiFixture.OTHER_TOKEN);
    assertEquals(403, r.statusCode());
    assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", r.body());
  }

  @Test
  void submitterMayUpdateTheirOwnPatch() throws Exception {
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/patches/3/", "{\"commit_ref\": \"abc123\"}", ApiFixture.OTHER_TOKEN);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("abc123", json(r).get("commit_ref").asText());
  }

  @Test
  void maintainerChangesStateAndAnEventIsRecorded() throws Exception {
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/patches/1/", "{\"state\": \"Under Review\"}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals("under-review", body.get("state").asText());
    assertFalse(body.has("related"), "a partial update's answer has no related key, as in Patchwork");
    JsonNode events = json(api.get("/api/1.2/events/?patch=1&category=patch-state-changed"));
    assertEquals(1, events.size());
    JsonNode event = events.get(0);
    assertEquals("maintainer", event.get("actor").get("username").asText());
    assertEquals(List.of("patch", "previous_state", "current_state"), fieldNames(event.get("payload")));
    assertEquals("new", event.get("payload").get("previous_state").asText());
    assertEquals("under-review", event.get("payload").get("current_state").asText());
  }

  @Test
  void invalidStateIs400WithTheChoices() throws Exception {
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/patches/2/", "{\"state\": \"bogus\"}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals(400, r.statusCode());
    assertEquals("{\"state\":[\"Invalid state bogus. Expected one of: new, under-review, accepted, rejected,"
        + " rfc, not-applicable, changes-requested, awaiting-upstream, superseded, deferred.\"]}", r.body());
  }

  @Test
  void delegateMustMaintainTheProject() throws Exception {
    HttpResponse<String> bad = api.send("PATCH", "/api/1.2/patches/2/", "{\"delegate\": 2}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals(400, bad.statusCode());
    assertEquals("{\"delegate\":[\"User 'other' is not a maintainer for project 'openrisc'\"]}", bad.body());
    HttpResponse<String> ok = api.send("PATCH", "/api/1.2/patches/2/", "{\"delegate\": 1, \"archived\": true}",
        ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("maintainer", json(ok).get("delegate").get("username").asText());
    assertTrue(json(ok).get("archived").asBoolean());
    JsonNode events = json(api.get("/api/1.2/events/?patch=2&category=patch-delegated"));
    assertEquals(1, events.size());
    assertTrue(events.get(0).get("payload").get("previous_delegate").isNull());
    assertEquals(1, events.get(0).get("payload").get("current_delegate").get("id").asInt());
  }

  @Test
  void putNeedsStateAndDelegate() throws Exception {
    HttpResponse<String> r = api.send("PUT", "/api/1.2/patches/4/", "{\"archived\": false}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals(400, r.statusCode());
    assertEquals("{\"state\":[\"This field is required.\"],\"delegate\":[\"This field is required.\"]}", r.body());
    HttpResponse<String> ok = api.send("PUT", "/api/1.2/patches/4/",
        "{\"state\": \"superseded\", \"delegate\": null, \"archived\": false}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(json(ok).has("related"), "a full update's answer keeps related");
  }

  @Test
  void checksAreCreatedByMaintainersAndCombined() throws Exception {
    String check = "{\"state\": \"success\", \"context\": \"build\", \"target_url\": \"http://ci.example.com/1\","
        + " \"description\": \"build passed\"}";
    assertEquals(403, api.send("POST", "/api/1.2/patches/2/checks/", check, null).statusCode());
    HttpResponse<String> created = api.send("POST", "/api/1.2/patches/2/checks/", check, ApiFixture.MAINTAINER_TOKEN);
    assertEquals(201, created.statusCode(), created.body());
    JsonNode c = json(created);
    assertEquals(List.of("id", "url", "user", "date", "state", "target_url", "context", "description"), fieldNames(c));
    assertEquals(c.get("url").asText(), created.headers().firstValue("Location").orElseThrow());
    assertEquals("success", json(api.get("/api/1.2/patches/2/")).get("check").asText());
    api.send("POST", "/api/1.2/patches/2/checks/", "{\"state\": \"fail\", \"context\": \"test\"}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals("fail", json(api.get("/api/1.2/patches/2/")).get("check").asText());
    api.send("POST", "/api/1.2/patches/2/checks/", "{\"state\": \"success\", \"context\": \"test\"}", ApiFixture.MAINTAINER_TOKEN);
    assertEquals("success", json(api.get("/api/1.2/patches/2/")).get("check").asText(), "the newest per context counts");
    assertEquals(3, json(api.get("/api/1.2/patches/2/checks/")).size());
    assertEquals(400, api.send("POST", "/api/1.2/patches/2/checks/", "{\"context\": \"x\"}", ApiFixture.MAINTAINER_TOKEN)
        .statusCode());
    JsonNode events = json(api.get("/api/1.2/events/?patch=2&category=check-created"));
    assertEquals(3, events.size());
    assertEquals(List.of("id", "url", "date", "state", "target_url", "context"),
        fieldNames(events.get(2).get("payload").get("check")));
  }

  @Test
  void commentEventsAreHiddenFromApi12() throws Exception {
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO event (category, project_id, patch_id, patch_comment_id) VALUES"
          + " ('patch-comment-created', 1, 1, 1)");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM event WHERE category = 'patch-comment-created'")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
    assertEquals(0, json(api.get("/api/1.2/events/?category=patch-comment-created")).size());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
