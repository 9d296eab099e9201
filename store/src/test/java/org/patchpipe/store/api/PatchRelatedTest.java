package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * {@code related} through patch {@code PATCH}/{@code PUT}, with Patchwork's rules, each test on a
 * fresh copy of {@link ApiFixture}'s world (patches 1-4 in openrisc, maintained by "maintainer";
 * patch 5 in linux-efi, maintained by nobody): maintainers of every project involved only, break
 * before make (409), additive joins, removal of one patch and dissolution of a pair, DRF's
 * validation messages, {@code patch-relation-changed} events by the caller, and refusals that
 * leave relations and events untouched.
 */
@ExtendWith(SharedPostgres.class)
class PatchRelatedTest {
  private static final String NOT_MAINTAINER =
      "{\"detail\":\"At least one patch is part of a project you are not maintaining.\"}";

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private static HttpResponse<String> patch(ApiFixture api, long id, String body, String token) throws Exception {
    return api.send("PATCH", "/api/1.2/patches/" + id + "/", body, token);
  }

  /** Each patch's relation id (0: none) and the relation events as "patch:previous>current", in order. */
  private static String relations(ApiFixture api) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, coalesce(related_id, 0) FROM patch ORDER BY id")) {
        while (rs.next()) {
          out.append(rs.getLong(1)).append('=').append(rs.getLong(2)).append(' ');
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT patch_id, coalesce(previous_relation_id, 0),"
          + " coalesce(current_relation_id, 0), coalesce(actor_id, 0) FROM event"
          + " WHERE category = 'patch-relation-changed' ORDER BY id")) {
        while (rs.next()) {
          out.append('|').append(rs.getLong(1)).append(':').append(rs.getLong(2)).append('>')
              .append(rs.getLong(3)).append(" by ").append(rs.getLong(4));
        }
      }
    }
    return out.toString().trim();
  }

  private static List<Long> relatedIds(HttpResponse<String> r) throws Exception {
    List<Long> ids = new ArrayList<>();
    json(r).path("related").forEach(p -> ids.add(p.get("id").asLong()));
    return ids;
  }

  @Test
  void aMaintainerRelatesPatchesAndEachGetsAnEvent(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      HttpResponse<String> r = patch(api, 1, "{\"related\": [2]}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(List.of(2L), relatedIds(r), "the patch itself is not listed");
      assertEquals(List.of(1L), relatedIds(api.get("/api/1.2/patches/2/")));
      String state = relations(api);
      assertTrue(state.startsWith("1=1 2=1 3=0 4=0 5=0 |2:0>1 by 1|1:0>1 by 1"), state);
      JsonNode events = json(api.get("/api/1.2/events/?category=patch-relation-changed"));
      assertEquals(2, events.size());
      assertEquals("maintainer", events.get(0).get("actor").get("username").asText());
    }
  }

  @Test
  void joiningIsAdditiveAndOnlyTheNewcomerMoves(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      patch(api, 1, "{\"related\": [2]}", ApiFixture.MAINTAINER_TOKEN);
      HttpResponse<String> r = patch(api, 1, "{\"related\": [\"3\"]}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(List.of(2L, 3L), relatedIds(r));
      assertEquals("1=1 2=1 3=1 4=0 5=0 |2:0>1 by 1|1:0>1 by 1|3:0>1 by 1", relations(api));
    }
  }

  @Test
  void twoRelationsAreAConflictAndNothingChanges(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      patch(api, 1, "{\"related\": [2]}", ApiFixture.MAINTAINER_TOKEN);
      patch(api, 3, "{\"related\": [4]}", ApiFixture.MAINTAINER_TOKEN);
      String before = relations(api);
      HttpResponse<String> r = patch(api, 1, "{\"related\": [3], \"state\": \"accepted\"}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(409, r.statusCode());
      assertEquals("{\"detail\":\"At least one patch is already part of another relation. You have to explicitly"
          + " remove a patch from its existing relation before moving it to this one.\"}", r.body());
      assertEquals(before, relations(api));
      assertEquals("new", json(api.get("/api/1.2/patches/1/")).get("state").asText(), "all or nothing");
    }
  }

  @Test
  void removingLeavesTheRestAndAPairIsDissolved(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      patch(api, 1, "{\"related\": [2, 3]}", ApiFixture.MAINTAINER_TOKEN);
      HttpResponse<String> r = patch(api, 3, "{\"related\": []}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(!json(r).has("related"), "a PATCH answer of an unrelated patch has no related key");
      String afterOne = relations(api);
      assertTrue(afterOne.startsWith("1=1 2=1 3=0 ") && afterOne.endsWith("|3:1>0 by 1"), afterOne);
      assertEquals(200, patch(api, 2, "{\"related\": []}", ApiFixture.MAINTAINER_TOKEN).statusCode());
      // Dissolving a pair deletes the relation: no event is recorded (Patchwork's delete bypasses its
      // save signal) and the relation's earlier events go with it (their foreign keys cascade).
      assertEquals("1=0 2=0 3=0 4=0 5=0", relations(api));
    }
  }

  @Test
  void everyProjectInvolvedMustBeMaintained(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      String before = relations(api);
      HttpResponse<String> cross = patch(api, 1, "{\"related\": [5]}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(403, cross.statusCode());
      assertEquals(NOT_MAINTAINER, cross.body());
      HttpResponse<String> submitter = patch(api, 3, "{\"related\": [1]}", ApiFixture.OTHER_TOKEN);
      assertEquals(403, submitter.statusCode(), "the submitter may edit the patch but not relate it");
      assertEquals(NOT_MAINTAINER, submitter.body());
      assertEquals(403, patch(api, 1, "{\"related\": [2]}", null).statusCode());
      assertEquals(before, relations(api));
      try (Connection c = api.connect(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO project_maintainer (user_id, project_id) VALUES (1, 2)");
      }
      HttpResponse<String> both = patch(api, 1, "{\"related\": [5]}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, both.statusCode(), "a maintainer of both projects relates across them: " + both.body());
      assertEquals(List.of(5L), relatedIds(both));
      try (Connection c = api.connect(); Statement s = c.createStatement()) {
        s.execute("DELETE FROM project_maintainer WHERE user_id = 1 AND project_id = 2");
      }
      assertEquals(403, patch(api, 1, "{\"related\": []}", ApiFixture.MAINTAINER_TOKEN).statusCode(),
          "the ratchet: leaving a cross-project relation needs both projects too");
    }
  }

  @Test
  void invalidValuesAre400WithDrfMessages(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      String before = relations(api);
      assertEquals("{\"related\":[\"Invalid pk \\\"999\\\" - object does not exist.\"]}",
          patch(api, 1, "{\"related\": [2, 999]}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals("{\"related\":[\"Expected a list of items but got type \\\"str\\\".\"]}",
          patch(api, 1, "{\"related\": \"2\"}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals("{\"related\":[\"Incorrect type. Expected pk value, received dict.\"]}",
          patch(api, 1, "{\"related\": [{\"id\": 2}]}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals("{\"related\":[\"This field may not be null.\"]}",
          patch(api, 1, "{\"related\": null}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals(before, relations(api));
    }
  }

  @Test
  void aPutWithoutRelatedIsAFullUpdateThatClearsIt(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      patch(api, 1, "{\"related\": [2, 3]}", ApiFixture.MAINTAINER_TOKEN);
      String before = relations(api);
      HttpResponse<String> submitter = api.send("PUT", "/api/1.2/patches/3/",
          "{\"state\": \"new\", \"delegate\": null}", ApiFixture.OTHER_TOKEN);
      assertEquals(403, submitter.statusCode(), "DRF fills in related's default, the empty list");
      assertEquals(NOT_MAINTAINER, submitter.body());
      assertEquals(before, relations(api));
      HttpResponse<String> maintainer = api.send("PUT", "/api/1.2/patches/3/",
          "{\"state\": \"new\", \"delegate\": null}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, maintainer.statusCode(), maintainer.body());
      assertTrue(relations(api).startsWith("1=1 2=1 3=0 "), relations(api));
    }
  }
}
