package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The read contract of the API against a real PostgreSQL: Patchwork 1.2's keys in order and with
 * their types, the Link header, filters (including Patchwork's empty answer for a value that names
 * nothing), ordering, the absolute URLs and the 403/404 answers. Writes are in {@link ApiWriteTest}.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest {
  /** The keys of Patchwork 1.2's patch detail, in order: {@code seed-patch.json}. */
  static final List<String> PATCH_DETAIL_KEYS = List.of(
      "id", "url", "web_url", "project", "msgid", "list_archive_url", "date", "name", "commit_ref",
      "pull_url", "state", "archived", "hash", "submitter", "delegate", "mbox", "series", "comments",
      "check", "checks", "tags", "related", "headers", "content", "diff", "prefixes");

  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<Long> ids(JsonNode list) {
    List<Long> ids = new ArrayList<>();
    list.forEach(n -> ids.add(n.get("id").asLong()));
    return ids;
  }

  @Test
  void patchDetailHasTheSeedsKeysInOrder() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/patches/1/");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("GET, PUT, PATCH, HEAD, OPTIONS", r.headers().firstValue("Allow").orElseThrow());
    JsonNode p = json(r);
    assertEquals(PATCH_DETAIL_KEYS, keys(p));
    assertEquals(List.of("id", "url", "name", "link_name", "list_id", "list_email", "web_url", "scm_url",
        "webscm_url", "list_archive_url", "list_archive_url_format", "commit_url_format"), keys(p.get("project")));
    assertEquals(List.of("id", "url", "name", "email"), keys(p.get("submitter")));
    assertEquals(List.of("id", "url", "web_url", "date", "name", "version", "mbox"), keys(p.get("series").get(0)));
    String base = api.server.baseUrl();
    assertEquals(base + "/api/1.2/patches/1/", p.get("url").asText());
    assertEquals(base + "/project/openrisc/patch/p1@example.com/", p.get("web_url").asText());
    assertEquals(base + "/project/openrisc/patch/p1@example.com/mbox/", p.get("mbox").asText());
    assertEquals(base + "/api/patches/1/comments/", p.get("comments").asText(), "unversioned, as Patchwork");
    assertEquals(base + "/api/patches/1/checks/", p.get("checks").asText());
    assertEquals(base + "/project/openrisc/list/?series=1", p.get("series").get(0).get("web_url").asText());
    assertEquals(base + "/series/1/mbox/", p.get("series").get(0).get("mbox").asText());
    assertEquals("2019-05-06T13:16:20", p.get("date").asText());
    assertEquals("new", p.get("state").asText());
    assertEquals("pending", p.get("check").asText());
    assertTrue(p.get("list_archive_url").isNull());
    assertTrue(p.get("delegate").isNull());
    assertTrue(p.get("tags").isObject() && p.get("tags").isEmpty());
    assertTrue(p.get("related").isArray() && p.get("related").isEmpty());
    assertEquals(List.of("1/2"), List.of(p.get("prefixes").get(0).asText()));
    assertEquals(ApiFixture.DIFF_1, p.get("diff").asText());
  }

  @Test
  void patchDetailMatchesTheSeedsTypes() throws Exception {
    Path seed = SharedFiles.resolve("seed-patch.json");
    JsonNode expected = Json.mapper().readTree(seed.toFile());
    JsonNode actual = json(api.get("/api/1.2/patches/1/"));
    assertSameShape("", expected, actual);
  }

  /** Same keys in the same order, same JSON types; nulls and headers' values are data, not shape. */
  private static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
    if (expected.isNull() || actual.isNull() || path.startsWith("/headers/")) {
      return;
    }
    assertEquals(expected.getNodeType(), actual.getNodeType(), "type of " + path);
    if (expected.isObject() && !path.equals("/headers")) {
      assertEquals(keys(expected), keys(actual), "keys of " + path);
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        assertSameShape(path + "/" + key, expected.get(key), actual.get(key));
      }
    } else if (expected.isArray() && expected.size() > 0 && actual.size() > 0) {
      assertSameShape(path + "[0]", expected.get(0), actual.get(0));
    }
  }

  @Test
  void patchListHasTheListKeysAndPatchworksLinkHeader() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/patches/?per_page=2&page=2");
    assertEquals(200, r.statusCode());
    String base = api.server.baseUrl() + "/api/1.2/patches/";
    assertEquals("<" + base + "?page=3&per_page=2>; rel=\"next\", <" + base + "?per_page=2>; rel=\"prev\", <"
        + base + "?page=1&per_page=2>; rel=\"first\", <" + base + "?page=3&per_page=2>; rel=\"last\"",
        r.headers().firstValue("Link").orElseThrow());
    JsonNode list = json(r);
    assertEquals(List.of(3L, 4L), ids(list));
    assertEquals(PATCH_DETAIL_KEYS.subList(0, PATCH_DETAIL_KEYS.indexOf("headers")), keys(list.get(0)));
  }

  @Test
  void linkHeaderOfASinglePageAndOfAnEmptyList() throws Exception {
    String base = api.server.baseUrl() + "/api/1.2/patches/";
    assertEquals("<" + base + "?page=1&series=1>; rel=\"first\", <" + base + "?page=1&series=1>; rel=\"last\"",
        api.get("/api/1.2/patches/?series=1").headers().firstValue("Link").orElseThrow());
    HttpResponse<String> empty = api.get("/api/1.2/patches/?project=nonexistent");
    assertEquals(200, empty.statusCode(), "an unknown filter value is an empty list, not an error");
    assertEquals("[]", empty.body());
    assertEquals("<" + base + "?page=1&project=nonexistent>; rel=\"first\", <" + base
        + "?page=1&project=nonexistent>; rel=\"last\"", empty.headers().firstValue("Link").orElseThrow());
  }

  @Test
  void pagePastTheEndIs404() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/patches/?page=99");
    assertEquals(404, r.statusCode());
    assertEquals("{\"detail\":\"Invalid page.\"}", r.body());
  }

  @Test
  void filters() throws Exception {
    assertEquals(List.of(1L, 2L, 3L, 4L), ids(json(api.get("/api/1.2/patches/?project=openrisc"))));
    assertEquals(List.of(5L), ids(json(api.get("/api/1.2/patches/?project=2"))));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(json(api.get("/api/1.2/patches/?project=OpenRISC&project=2"))));
    assertEquals(List.of(1L, 2L, 5L), ids(json(api.get("/api/1.2/patches/?state=new"))));
    assertEquals(List.of(1L, 2L, 3L, 5L), ids(json(api.get("/api/1.2/patches/?state=new&state=rfc"))));
    assertEquals(List.of(4L), ids(json(api.get("/api/1.2/patches/?state=Accepted"))));
    assertEquals(List.of(), ids(json(api.get("/api/1.2/patches/?state=bogus"))));
    assertEquals(List.of(3L), ids(json(api.get("/api/1.2/patches/?submitter=other@EXAMPLE.com"))));
    assertEquals(List.of(1L, 2L, 4L), ids(json(api.get("/api/1.2/patches/?submitter=1"))));
    assertEquals(List.of(4L), ids(json(api.get("/api/1.2/patches/?archived=true"))));
    assertEquals(List.of(1L, 2L, 3L, 5L), ids(json(api.get("/api/1.2/patches/?archived=false"))));
    assertEquals(List.of(3L, 4L),
        ids(json(api.get("/api/1.2/patches/?hash=F9CF643E19BC4F245EAC973FCEE9649B771D1693"))));
    assertEquals(List.of(2L), ids(json(api.get("/api/1.2/patches/?msgid=p2@example.com"))));
    assertEquals(List.of(1L, 2L), ids(json(api.get("/api/1.2/patches/?series=1"))));
    assertEquals(List.of(3L, 5L), ids(json(api.get("/api/1.2/patches/?since=2020-01-01T10:00:00"))));
    assertEquals(List.of(4L), ids(json(api.get("/api/1.2/patches/?before=2019-01-01"))));
    assertEquals(List.of(), ids(json(api.get("/api/1.2/patches/?since=yesterday"))));
    assertEquals(List.of(1L, 2L), ids(json(api.get("/api/1.2/patches/?q=or1k"))));
    assertEquals(List.of(2L), ids(json(api.get("/api/1.2/patches/?q=or1k,AGAIN"))));
    assertEquals(List.of(), ids(json(api.get("/api/1.2/patches/?delegate=maintainer"))));
    assertEquals(List.of(5L, 3L, 2L, 1L, 4L), ids(json(api.get("/api/1.2/patches/?order=-date"))));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(json(api.get("/api/1.2/patches/?order=nonsense"))));
  }

  @Test
  void msgidWithSpecialCharactersIsEncodedInUrls() throws Exception {
    JsonNode p = json(api.get("/api/1.2/patches/5/"));
    assertEquals(api.server.baseUrl() + "/project/linux-efi/patch/a%252Fb+c=d%25e%20f%22g@x/", p.get("web_url").asText());
  }

  @Test
  void unversionedRootServesTheSameShapesWithItsOwnLinks() throws Exception {
    JsonNode p = json(api.get("/api/patches/1/"));
    assertEquals(PATCH_DETAIL_KEYS, keys(p));
    assertEquals(api.server.baseUrl() + "/api/patches/1/", p.get("url").asText());
    assertEquals(api.server.baseUrl() + "/api/people/1/", p.get("submitter").get("url").asText());
    JsonNode index = json(api.get("/api/1.2/"));
    assertEquals(List.of("projects", "users", "people", "patches", "covers", "series", "events", "bundles"), keys(index));
  }

  @Test
  void missingTrailingSlashRedirectsLikeDjango() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/patches?page=1");
    assertEquals(301, r.statusCode());
    assertEquals("/api/1.2/patches/?page=1", r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void unknownPatchIs404WithDrfsBody() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/patches/999999/");
    assertEquals(404, r.statusCode());
    assertEquals("{\"detail\":\"Not found.\"}", r.body());
    assertEquals(404, api.get("/api/1.2/patches/abc/").statusCode());
  }

  @Test
  void projectByIdAndByLinkName() throws Exception {
    JsonNode byId = json(api.get("/api/1.2/projects/1/"));
    JsonNode byName = json(api.get("/api/1.2/projects/openrisc/"));
    assertEquals(byId, byName);
    assertEquals(List.of("id", "url", "name", "link_name", "list_id", "list_email", "web_url", "scm_url",
        "webscm_url", "maintainers", "subject_match", "list_archive_url", "list_archive_url_format",
        "commit_url_format"), keys(byId));
    assertEquals("maintainer", byId.get("maintainers").get(0).get("username").asText());
    assertEquals(List.of("id", "url", "username", "first_name", "last_name", "email"),
        keys(byId.get("maintainers").get(0)));
  }

  @Test
  void allowComesFromTheRoutesAndOtherMethodsAnswer405() throws Exception {
    assertEquals("GET, HEAD, OPTIONS", api.get("/api/1.2/projects/").headers().firstValue("Allow").orElseThrow());
    assertEquals("GET, PUT, PATCH, HEAD, OPTIONS",
        api.get("/api/1.2/projects/1/").headers().firstValue("Allow").orElseThrow());
    assertEquals("GET, POST, HEAD, OPTIONS",
        api.get("/api/1.2/patches/1/checks/").headers().firstValue("Allow").orElseThrow());
    HttpResponse<String> put = api.send("PUT", "/api/1.2/people/1/", "{}", null);
    assertEquals(405, put.statusCode());
    assertEquals("Method \"PUT\" not allowed.", json(put).get("detail").asText());
    assertEquals("GET, HEAD, OPTIONS", put.headers().firstValue("Allow").orElseThrow());
    HttpResponse<String> sitePost = api.send("POST", "/project/openrisc/list/", "{}", null);
    assertEquals(405, sitePost.statusCode());
    assertEquals("GET, HEAD", sitePost.headers().firstValue("Allow").orElseThrow());
    HttpResponse<String> options = api.send("OPTIONS", "/api/1.2/projects/1/", "", null);
    assertEquals("GET, PUT, PATCH, HEAD, OPTIONS", options.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void peopleNeedAuthentication() throws Exception {
    HttpResponse<String> anonymous = api.get("/api/1.2/people/");
    assertEquals(403, anonymous.statusCode());
    assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", anonymous.body());
    HttpResponse<String> r = api.get("/api/1.2/people/3/", ApiFixture.OTHER_TOKEN);
    assertEquals(200, r.statusCode());
    JsonNode person = json(r);
    assertEquals(List.of("id", "url", "name", "email", "user"), keys(person));
    assertEquals("other", person.get("user").get("username").asText());
    assertEquals("J\u00f6rg Other", person.get("name").asText());
  }

  @Test
  void badTokenIs403EvenForReads() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/patches/", "0000000000000000000000000000000000000000");
    assertEquals(403, r.statusCode());
    assertEquals("{\"detail\":\"Invalid token.\"}", r.body());
  }

  @Test
  void coverListAndDetail() throws Exception {
    JsonNode covers = json(api.get("/api/1.2/covers/"));
    assertEquals(List.of("id", "url", "web_url", "project", "msgid", "list_archive_url", "date", "name",
        "submitter", "mbox", "series", "comments"), keys(covers.get(0)));
    JsonNode cover = json(api.get("/api/1.2/covers/1/"));
    assertEquals("This series adds a world.\n", cover.get("content").asText());
    assertEquals("<c0@example.com>", cover.get("headers").get("Message-Id").asText());
    assertEquals(api.server.baseUrl() + "/api/covers/1/comments/", cover.get("comments").asText());
  }

  @Test
  void seriesWithCoverAndPatches() throws Exception {
    JsonNode s = json(api.get("/api/1.2/series/1/"));
    assertEquals(List.of("id", "url", "web_url", "project", "name", "date", "submitter", "version", "total",
        "received_total", "received_all", "mbox", "cover_letter", "patches"), keys(s));
    assertEquals(2, s.get("received_total").asInt());
    assertTrue(s.get("received_all").asBoolean());
    assertEquals(List.of("id", "url", "web_url", "msgid", "list_archive_url", "date", "name", "mbox"),
        keys(s.get("cover_letter")));
    assertEquals(List.of(1L, 2L), ids(s.get("patches")));
  }

  @Test
  void commentsOfAPatchAndOfACover() throws Exception {
    JsonNode comments = json(api.get("/api/1.2/patches/1/comments/"));
    assertEquals(1, comments.size());
    JsonNode c = comments.get(0);
    assertEquals(List.of("id", "web_url", "msgid", "list_archive_url", "date", "subject", "submitter",
        "content", "headers"), keys(c));
    assertEquals("Re: [PATCH 1/2] or1k: Add a\n world", c.get("subject").asText(), "folded, as stored");
    assertEquals(api.server.baseUrl() + "/comment/1/", c.get("web_url").asText());
    assertEquals(List.of(2L), ids(json(api.get("/api/1.2/covers/1/comments/"))));
    assertEquals(404, api.get("/api/1.2/patches/999/comments/").statusCode());
  }

  @Test
  void eventListIsFixedSizeAndIgnoresPerPage() throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/events/?per_page=1");
    assertEquals(200, r.statusCode());
    assertFalse(r.headers().firstValue("Link").orElseThrow().contains("rel=\"next\""));
  }
}
