package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The site's pages (store.web) over the small world of {@link ApiFixture}, plus a project whose
 * mail is hostile and one with more patches than a page holds: the project index and its counts,
 * the patch list's default filter, order and pagination, 404s, escaping, the stylesheet and the
 * pages' Content-Security-Policy.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SitePagesTest {
  private static final String HOSTILE_SUBJECT = "<script>alert(1)</script>";
  private static final String HOSTILE_NAME = "\"'><img src=x onerror=alert(1)>";

  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO project (id, linkname, name, listid, listemail) VALUES"
          + " (3, 'hostile', 'hostile', 'hostile.example.com', 'hostile@example.com'),"
          + " (4, 'busy', 'busy', 'busy.example.com', 'busy@example.com')");
      s.execute("INSERT INTO person (id, email, name) VALUES (10, 'evil@example.com', '"
          + HOSTILE_NAME.replace("'", "''") + "')");
      s.execute("INSERT INTO patch (project_id, msgid, name, date, headers, submitter_id, content, diff, state_id)"
          + " VALUES (3, '<evil@example.com>', '" + HOSTILE_SUBJECT + "', '2022-02-02 02:02:02', '', 10, 'x', '', 1)");
      // 101 new patches: one more than a page; patch g sent g minutes after midnight.
      s.execute("INSERT INTO patch (project_id, msgid, name, date, headers, submitter_id, content, diff, state_id)"
          + " SELECT 4, '<busy' || g || '@example.com>', 'busy patch ' || g,"
          + " timestamp '2023-01-01' + g * interval '1 minute', '', 1, 'x', '', 1 FROM generate_series(1, 101) g");
    }
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void indexCountsThePatchesNeedingAction() throws Exception {
    HttpResponse<String> r = api.get("/");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    // openrisc: patches 1 and 2 are New; 3 is RFC (no action), 4 is archived.
    assertEquals("2", actionRequired(r.body(), "openrisc"));
    assertEquals("1", actionRequired(r.body(), "linux-efi"));
    assertEquals("101", actionRequired(r.body(), "busy"));
    assertTrue(r.body().contains("<link rel=\"stylesheet\" href=\"/static/css/patchpipe.css\">"), r.body());
  }

  @Test
  void listShowsTheActionRequiredPatchesNewestFirst() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/list/");
    assertEquals(200, r.statusCode());
    String body = r.body();
    int second = body.indexOf("<a href=\"/project/openrisc/patch/p2@example.com/\">[2/2] or1k: Say it again</a>");
    int first = body.indexOf("<a href=\"/project/openrisc/patch/p1@example.com/\">[1/2] or1k: Add a world</a>");
    assertTrue(second > 0 && first > second, body);
    assertTrue(body.contains("<td class=\"date\">2019-05-06</td><td><a href=\"/project/openrisc/list/?submitter=1\">Stafford Horne</a></td>"
        + "<td></td><td>New</td>"), body);
    assertFalse(body.contains("Other idea"), "an RFC needs no action");
    assertFalse(body.contains("Old change"), "archived patches are not listed by default");
    assertFalse(body.contains("Slashed"), "another project's patch");
    assertFalse(body.contains("class=\"pages\""), "one page needs no page links");
  }

  @Test
  void listPagesByAHundred() throws Exception {
    String first = api.get("/project/busy/list/").body();
    assertEquals(100, rows(first));
    assertTrue(first.contains(">busy patch 101</a>") && first.contains(">busy patch 2</a>"), first);
    assertFalse(first.contains(">busy patch 1</a>"), first);
    assertTrue(first.contains("<a rel=\"next\" href=\"/project/busy/list/?page=2\">Next</a>"), first);
    assertTrue(first.contains("Page 1 of 2"), first);

    String second = api.get("/project/busy/list/?page=2").body();
    assertEquals(1, rows(second));
    assertTrue(second.contains(">busy patch 1</a>") && second.contains("<a rel=\"prev\" href=\"/project/busy/list/\">"), second);
    // Django's paginator: past the end is the last page, not a number is the first.
    assertEquals(second, api.get("/project/busy/list/?page=99").body());
    assertEquals(first, api.get("/project/busy/list/?page=x").body());
  }

  @Test
  void unknownProjectIsNotFound() throws Exception {
    assertEquals(404, api.get("/project/nosuch/list/").statusCode());
    assertEquals(404, api.get("/project/1/list/").statusCode(), "the site names projects by link name only");
    assertEquals(301, api.get("/project/openrisc/list").statusCode(), "Django's APPEND_SLASH");
  }

  @Test
  void mailIsEscaped() throws Exception {
    String body = api.get("/project/hostile/list/").body();
    assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body);
    // In element text only <, > and & need escaping (JTE's text context); quotes are inert there.
    assertTrue(body.contains("<a href=\"/project/hostile/list/?submitter=10\">\"'&gt;&lt;img src=x onerror=alert(1)&gt;</a>"), body);
    assertEquals(1, body.split("<script", -1).length - 1, "patchpipe.js is the only script: " + body);
    assertFalse(body.contains("<img"), body);
  }

  @Test
  void pagesMayLoadOnlyFromThisServer() throws Exception {
    for (String path : new String[] {"/", "/project/openrisc/list/"}) {
      HttpResponse<String> r = api.get(path);
      assertEquals("default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
          + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          r.headers().firstValue("Content-Security-Policy").orElseThrow(), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElseThrow(), path);
    }
    // Everything else keeps the policy that allows nothing.
    assertEquals("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        api.get("/project/nosuch/list/").headers().firstValue("Content-Security-Policy").orElseThrow());
    String list = api.get("/project/openrisc/list/").body();
    assertFalse(list.contains("style="), "no inline style");
    assertFalse(list.matches("(?s).*<script>.*"), "no inline script");
  }

  @Test
  void stylesheetIsServed() throws Exception {
    HttpResponse<String> r = api.get("/static/css/patchpipe.css");
    assertEquals(200, r.statusCode());
    assertEquals("text/css; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().contains("prefers-color-scheme: dark"), r.body());
  }

  @Test
  void scriptIsServedAndLoadedDeferred() throws Exception {
    HttpResponse<String> r = api.get("/static/js/patchpipe.js");
    assertEquals(200, r.statusCode());
    assertEquals("text/javascript; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("public, max-age=86400", r.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(r.body().length() < 10_000, "patchpipe.js stays small: " + r.body().length());
    assertTrue(r.body().contains("EventSource"), r.body());
    String list = api.get("/project/openrisc/list/").body();
    assertTrue(list.contains("<script defer src=\"/static/js/patchpipe.js\"></script>"), list);
    assertTrue(list.contains("data-live-project=\"openrisc\""), list);
  }

  /** The action-required count in the index row of the project with this link name. */
  private static String actionRequired(String html, String linkName) {
    Matcher m = Pattern.compile("<a href=\"/project/" + Pattern.quote(linkName)
        + "/list/\">[^<]*</a></td><td>[^<]*</td><td class=\"num\">(\\d+)</td>").matcher(html);
    assertTrue(m.find(), linkName + " in " + html);
    return m.group(1);
  }

  private static int rows(String html) {
    return html.split("<td class=\"name\">", -1).length - 1;
  }
}
