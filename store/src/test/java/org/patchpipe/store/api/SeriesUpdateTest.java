package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * {@code PATCH /series/<id>/}, the extension that sets state, archived and delegate on every patch
 * of a series (series 1 of {@link ApiFixture}: patches 1 and 2 of openrisc), each test on a fresh
 * copy: one event per patch that changes, by the caller; the patch rules for each patch; all or
 * nothing when one patch may not be changed or a value is invalid.
 */
@ExtendWith(SharedPostgres.class)
class SeriesUpdateTest {

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private static HttpResponse<String> patchSeries(ApiFixture api, String body, String token) throws Exception {
    return api.send("PATCH", "/api/1.2/series/1/", body, token);
  }

  /** Patches 1 and 2 (state, archived, delegate) and every event as "category:patch by actor". */
  private static String state(ApiFixture api) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT p.id, st.slug, p.archived, coalesce(p.delegate_id, 0) FROM patch p"
          + " JOIN state st ON st.id = p.state_id WHERE p.series_id = 1 ORDER BY p.id")) {
        while (rs.next()) {
          out.append(rs.getLong(1)).append(':').append(rs.getString(2)).append(',').append(rs.getBoolean(3))
              .append(',').append(rs.getLong(4)).append(' ');
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT category, patch_id, coalesce(actor_id, 0) FROM event ORDER BY id")) {
        while (rs.next()) {
          out.append('|').append(rs.getString(1)).append(':').append(rs.getLong(2)).append(" by ").append(rs.getLong(3));
        }
      }
    }
    return out.toString().trim();
  }

  @Test
  void aMaintainerChangesEveryPatchWithAnEventEach(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      HttpResponse<String> r = patchSeries(api, "{\"state\": \"accepted\", \"archived\": true, \"delegate\": 1}",
          ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(1, json(r).get("id").asLong());
      assertEquals(2, json(r).get("patches").size(), "the answer is the series, as GET renders it");
      assertEquals("1:accepted,true,1 2:accepted,true,1 |patch-state-changed:1 by 1|patch-delegated:1 by 1"
          + "|patch-state-changed:2 by 1|patch-delegated:2 by 1", state(api));
    }
  }

  @Test
  void aPatchAlreadyThereGetsNoEvent(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      api.send("PATCH", "/api/1.2/patches/2/", "{\"state\": \"rejected\"}", ApiFixture.MAINTAINER_TOKEN);
      assertEquals(200, patchSeries(api, "{\"state\": \"Rejected\"}", ApiFixture.MAINTAINER_TOKEN).statusCode());
      assertEquals("1:rejected,false,0 2:rejected,false,0 |patch-state-changed:2 by 1|patch-state-changed:1 by 1",
          state(api));
    }
  }

  @Test
  void onePatchTheCallerMayNotChangeRefusesTheWholeSeries(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      try (Connection c = api.connect(); Statement s = c.createStatement()) {
        s.execute("UPDATE patch SET delegate_id = 2 WHERE id = 1");
      }
      String before = state(api);
      HttpResponse<String> r = patchSeries(api, "{\"state\": \"accepted\"}", ApiFixture.OTHER_TOKEN);
      assertEquals(403, r.statusCode(), "'other' is patch 1's delegate but may not change patch 2");
      assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", r.body());
      assertEquals(before, state(api));
      assertEquals(200, api.send("PATCH", "/api/1.2/patches/1/", "{\"archived\": true}", ApiFixture.OTHER_TOKEN)
          .statusCode(), "the delegate may still change patch 1 alone");
    }
  }

  @Test
  void refusalsChangeNothing(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      String before = state(api);
      assertEquals(404, api.send("PATCH", "/api/1.2/series/999/", "{\"state\": \"accepted\"}",
          ApiFixture.MAINTAINER_TOKEN).statusCode());
      HttpResponse<String> anonymous = patchSeries(api, "{\"state\": \"accepted\"}", null);
      assertEquals(403, anonymous.statusCode());
      assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", anonymous.body());
      assertEquals("{\"state\":[\"Invalid state bogus. Expected one of: new, under-review, accepted, rejected,"
          + " rfc, not-applicable, changes-requested, awaiting-upstream, superseded, deferred.\"]}",
          patchSeries(api, "{\"state\": \"bogus\", \"archived\": true}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals("{\"delegate\":[\"User 'other' is not a maintainer for project 'openrisc'\"]}",
          patchSeries(api, "{\"state\": \"accepted\", \"delegate\": 2}", ApiFixture.MAINTAINER_TOKEN).body());
      assertEquals("{\"archived\":[\"Must be a valid boolean.\"]}",
          patchSeries(api, "{\"archived\": \"perhaps\"}", ApiFixture.MAINTAINER_TOKEN).body());
      HttpResponse<String> perPatch = patchSeries(api, "{\"state\": \"accepted\", \"commit_ref\": \"abc\"}",
          ApiFixture.MAINTAINER_TOKEN);
      assertEquals(400, perPatch.statusCode());
      assertEquals("{\"commit_ref\":[\"A series sets only state, archived and delegate; set commit_ref on each"
          + " patch.\"]}", perPatch.body());
      assertEquals(405, api.send("PUT", "/api/1.2/series/1/", "{\"state\": \"accepted\"}",
          ApiFixture.MAINTAINER_TOKEN).statusCode(), "only PATCH: a series has no full update");
      assertEquals(before, state(api));
    }
  }

  @Test
  void theExtensionIsNotAdvertised(TestDatabase db) throws Exception {
    try (ApiFixture api = ApiFixture.start(db)) {
      assertEquals("GET, HEAD, OPTIONS", api.get("/api/1.2/series/1/").headers().firstValue("Allow").orElseThrow(),
          "Allow stays Patchwork's, so clients see the view they know");
    }
  }
}
