package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * Bundles against a real PostgreSQL, as Patchwork serves them: who sees which bundle (public ones
 * everyone, private ones only their owner, 404 for the rest), the list filters, creation and
 * updates by the owner with Patchwork's validation answers, deletion, the 1.2 version gate, and
 * the bundle mbox in the bundle's order. In the fixture, user 1 is {@code maintainer}, user 2
 * {@code other}; patches 1 to 4 are openrisc's, patch 5 is linux-efi's.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleApiTest {
  private static final String MAINTAINER = ApiFixture.MAINTAINER_TOKEN;
  private static final String OTHER = ApiFixture.OTHER_TOKEN;
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

  private long create(String name, boolean isPublic, String token, long... patches) throws Exception {
    StringBuilder ids = new StringBuilder();
    for (long p : patches) {
      ids.append(ids.length() == 0 ? "" : ", ").append(p);
    }
    HttpResponse<String> r = api.send("POST", "/api/1.2/bundles/",
        "{\"name\": \"" + name + "\", \"public\": " + isPublic + ", \"patches\": [" + ids + "]}", token);
    assertEquals(201, r.statusCode(), r.body());
    return json(r).get("id").asLong();
  }

  private HttpResponse<String> form(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Token " + token)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<Long> storedOrder(long bundleId) throws SQLException {
    return storedOrder(api, bundleId);
  }

  /** The bundle's patch ids in the bundle's own order, as stored. */
  static List<Long> storedOrder(ApiFixture api, long bundleId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = api.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT patch_id FROM bundle_patch WHERE bundle_id = " + bundleId
            + " ORDER BY \"order\"")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static List<Long> ids(JsonNode list) {
    List<Long> ids = new ArrayList<>();
    list.forEach(n -> ids.add(n.get("id").asLong()));
    return ids;
  }

  @Test
  void createAnswers201WithTheBundleAsPatchworkRendersIt() throws Exception {
    HttpResponse<String> r = api.send("POST", "/api/1.2/bundles/",
        "{\"name\": \"  to review \", \"patches\": [2, 1]}", MAINTAINER);
    assertEquals(201, r.statusCode(), r.body());
    JsonNode b = json(r);
    long id = b.get("id").asLong();
    assertEquals(api.url("/api/1.2/bundles/" + id + "/"), r.headers().firstValue("Location").orElseThrow());
    List<String> keys = new ArrayList<>();
    b.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("id", "url", "web_url", "project", "name", "owner", "patches", "public", "mbox"), keys);
    assertEquals("to review", b.get("name").asText(), "DRF trims the name");
    assertFalse(b.get("public").asBoolean(), "public defaults to false");
    assertEquals("openrisc", b.get("project").get("link_name").asText());
    assertEquals("maintainer", b.get("owner").get("username").asText());
    assertEquals(api.url("/bundle/maintainer/to%20review/"), b.get("web_url").asText());
    assertEquals(api.url("/bundle/maintainer/to%20review/mbox/"), b.get("mbox").asText());
    assertEquals(List.of(1L, 2L), ids(b.get("patches")), "the JSON lists patches by date, as Patchwork");
    assertEquals(List.of(2L, 1L), storedOrder(id), "the bundle keeps the order it was given");
    assertEquals("<p1@example.com>", b.get("patches").get(0).get("msgid").asText());
  }

  @Test
  void privateBundlesAreSeenOnlyByTheirOwner() throws Exception {
    long open = create("shared", true, OTHER, 3);
    long secret = create("secret", false, OTHER, 3);
    assertEquals(200, api.get("/api/1.2/bundles/" + open + "/").statusCode());
    assertEquals(404, api.get("/api/1.2/bundles/" + secret + "/").statusCode());
    assertEquals(404, api.get("/api/1.2/bundles/" + secret + "/", MAINTAINER).statusCode());
    assertEquals(200, api.get("/api/1.2/bundles/" + secret + "/", OTHER).statusCode());
    List<Long> anonymous = ids(json(api.get("/api/1.2/bundles/?owner=other")));
    assertTrue(anonymous.contains(open) && !anonymous.contains(secret), anonymous.toString());
    List<Long> owner = ids(json(api.get("/api/1.2/bundles/?owner=2", OTHER)));
    assertTrue(owner.contains(open) && owner.contains(secret), owner.toString());
    assertEquals(List.of(secret), ids(json(api.get("/api/1.2/bundles/?owner=other&public=false&q=secret", OTHER))));
  }

  @Test
  void listFiltersByProjectOwnerAndName() throws Exception {
    long efi = create("efi fixes", true, MAINTAINER, 5);
    assertEquals(List.of(efi), ids(json(api.get("/api/1.2/bundles/?project=linux-efi&q=efi"))));
    assertEquals(List.of(efi), ids(json(api.get("/api/1.2/bundles/?project=2&owner=MAINTAINER&q=fixes"))));
    assertEquals(List.of(efi), ids(json(api.get("/api/1.2/bundles/?q=EFI"))));
    assertEquals(0, json(api.get("/api/1.2/bundles/?owner=nobody")).size());
    assertEquals(0, json(api.get("/api/1.2/bundles/?project=nothing")).size());
  }

  @Test
  void olderVersionsReadBundlesWithoutWebUrlAndMayNotWrite() throws Exception {
    long id = create("old clients", true, MAINTAINER, 1);
    JsonNode b = json(api.get("/api/1.0/bundles/" + id + "/"));
    assertFalse(b.has("web_url"));
    assertFalse(b.get("patches").get(0).has("web_url"));
    assertTrue(b.has("mbox"));
    HttpResponse<String> r = api.send("PATCH", "/api/1.1/bundles/" + id + "/", "{\"name\": \"x\"}", MAINTAINER);
    assertEquals(405, r.statusCode());
    assertEquals("{\"detail\":\"Method \\\"PATCH\\\" not allowed.\"}", r.body());
    assertEquals(405, api.send("POST", "/api/1.0/bundles/", "{\"name\": \"x\", \"patches\": [1]}", MAINTAINER)
        .statusCode());
    assertEquals(200, api.send("PATCH", "/api/bundles/" + id + "/", "{\"public\": false}", MAINTAINER).statusCode(),
        "the unversioned root is the latest version");
  }

  @Test
  void createIsRefusedAsPatchworkRefusesIt() throws Exception {
    HttpResponse<String> anonymous = api.send("POST", "/api/1.2/bundles/", "{\"name\": \"a\", \"patches\": [1]}", null);
    assertEquals(403, anonymous.statusCode());
    assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", anonymous.body());
    assertInvalid("{\"name\": \"mixed\", \"patches\": [1, 5]}",
        "{\"patches\":[\"Bundle patches must belong to the same project\"]}");
    assertInvalid("{\"name\": \"empty\", \"patches\": []}", "{\"patches\":[\"Bundles cannot be empty\"]}");
    assertInvalid("{\"name\": \"gone\", \"patches\": [1, 999]}",
        "{\"patches\":[\"Invalid pk \\\"999\\\" - object does not exist.\"]}");
    assertInvalid("{\"name\": \"typed\", \"patches\": [\"one\"]}",
        "{\"patches\":[\"Incorrect type. Expected pk value, received str.\"]}");
    assertInvalid("{\"public\": \"maybe\"}", "{\"name\":[\"This field is required.\"],"
        + "\"patches\":[\"This field is required.\"],\"public\":[\"Must be a valid boolean.\"]}");
    assertInvalid("{\"name\": \"   \", \"patches\": 1}",
        "{\"name\":[\"This field may not be blank.\"],\"patches\":[\"Expected a list of items but got type \\\"int\\\".\"]}");
    assertInvalid("{\"name\": \"" + "n".repeat(51) + "\", \"patches\": [1]}",
        "{\"name\":[\"Ensure this field has no more than 50 characters.\"]}");
    assertInvalid("{\"name\": \"a/b\", \"patches\": [1]}", "{\"name\":[\"Bundle names can't contain slashes\"]}");
    create("taken", false, MAINTAINER, 1);
    assertInvalid("{\"name\": \"taken\", \"patches\": [2]}",
        "{\"non_field_errors\":[\"The fields owner, name must make a unique set.\"]}");
    create("taken", false, OTHER, 2);
  }

  private void assertInvalid(String body, String expected) throws Exception {
    HttpResponse<String> r = api.send("POST", "/api/1.2/bundles/", body, MAINTAINER);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(expected, r.body());
  }

  @Test
  void ownerUpdatesNameVisibilityAndPatches() throws Exception {
    long id = create("before", false, MAINTAINER, 1, 2);
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/bundles/" + id + "/", "{\"name\": \"after\", \"public\": true}",
        MAINTAINER);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("after", json(r).get("name").asText());
    assertTrue(json(r).get("public").asBoolean());
    assertEquals(List.of(1L, 2L), storedOrder(id), "a PATCH without patches keeps them");
    r = form("PATCH", "/api/1.2/bundles/" + id + "/", "patches=4&patches=3&patches=4", MAINTAINER);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(List.of(4L, 3L), storedOrder(id), "a form's repeated patches, the first place kept");
    r = api.send("PUT", "/api/1.2/bundles/" + id + "/", "{\"name\": \"after\"}", MAINTAINER);
    assertEquals(400, r.statusCode());
    assertEquals("{\"patches\":[\"This field is required.\"]}", r.body());
    r = api.send("PUT", "/api/1.2/bundles/" + id + "/", "{\"name\": \"moved\", \"patches\": [5]}", MAINTAINER);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("linux-efi", json(r).get("project").get("link_name").asText(), "the patches' project becomes the bundle's");
    assertTrue(json(r).get("public").asBoolean(), "a JSON PUT without public keeps it");
  }

  @Test
  void onlyTheOwnerWritesAndOthersLearnNothingOfPrivateBundles() throws Exception {
    long open = create("mine public", true, MAINTAINER, 1);
    long secret = create("mine private", false, MAINTAINER, 1);
    HttpResponse<String> r = api.send("PATCH", "/api/1.2/bundles/" + open + "/", "{\"name\": \"stolen\"}", OTHER);
    assertEquals(403, r.statusCode());
    assertEquals("{\"detail\":\"You do not have permission to perform this action.\"}", r.body());
    assertEquals(403, api.send("DELETE", "/api/1.2/bundles/" + open + "/", "", null).statusCode());
    assertEquals(404, api.send("PATCH", "/api/1.2/bundles/" + secret + "/", "{\"name\": \"x\"}", OTHER).statusCode());
    assertEquals(404, api.send("DELETE", "/api/1.2/bundles/" + secret + "/", "", null).statusCode());
    assertEquals("mine public", json(api.get("/api/1.2/bundles/" + open + "/")).get("name").asText());
    r = api.send("DELETE", "/api/1.2/bundles/" + secret + "/", "", MAINTAINER);
    assertEquals(204, r.statusCode());
    assertEquals("", r.body());
    assertEquals(404, api.get("/api/1.2/bundles/" + secret + "/", MAINTAINER).statusCode());
    assertEquals(List.of(), storedOrder(secret));
  }

  @Test
  void bundleMboxFollowsTheBundleOrderAndItsVisibility() throws Exception {
    create("apply me", false, MAINTAINER, 2, 1);
    String path = "/bundle/maintainer/apply%20me/mbox/";
    assertEquals(404, api.get(path).statusCode(), "private: not for anonymous");
    assertEquals(404, api.get(path, "not-a-token").statusCode(), "bad credentials are anonymous here");
    assertEquals(404, api.get(path, OTHER).statusCode());
    HttpResponse<String> r = api.get(path, MAINTAINER);
    assertEquals(200, r.statusCode());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().matches(
        "attachment; filename=bundle-\\d+-apply me\\.mbox"), r.headers().map().toString());
    String mbox = r.body();
    int second = mbox.indexOf("X-Patchwork-Id: 2\n");
    int first = mbox.indexOf("X-Patchwork-Id: 1\n");
    assertTrue(second > 0 && first > second, mbox);
    assertTrue(mbox.indexOf("\n\nFrom patchwork ") > 0, "one mbox, the documents joined by a newline");
    assertEquals(2, mbox.split("(?m)^From patchwork ", -1).length - 1);
    api.send("PATCH", "/api/1.2/bundles/" + json(api.get("/api/1.2/bundles/?q=apply", MAINTAINER)).get(0).get("id")
        + "/", "{\"public\": true}", MAINTAINER);
    assertEquals(200, api.get(path).statusCode(), "public: for everyone");
    assertEquals(404, api.get("/bundle/other/apply%20me/mbox/").statusCode());
  }

  @Test
  void theIndexLinksBundles() throws Exception {
    String link = json(api.get("/api/1.2/")).get("bundles").asText();
    assertEquals(200, api.http.send(HttpRequest.newBuilder(URI.create(link)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
  }
}
