package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * The patch list's filters, order and pages (store.web), the series view, the bundle pages with
 * their visibility, pwclientrc and the escaping of hostile names, over {@link ApiFixture}'s users
 * and a project of their own: {@code filters} with five patches of three people, two series, tags,
 * checks and three bundles, and {@code many} with 250 patches for pages.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListFiltersTest {
  private static final String[] DATA = {
    "INSERT INTO project (id, linkname, name, listid, listemail) VALUES"
        + " (10, 'filters', 'filters', 'filters.example.com', 'filters@example.com'),"
        + " (11, 'many', 'many', 'many.example.com', 'many@example.com')",
    "INSERT INTO person (id, email, name, user_id) VALUES (20, 'alice@example.com', 'Alice Able', NULL),"
        + " (21, 'bob@example.com', 'Bob Baker', 2), (22, 'bob@work.example.com', 'Robert B.', 2),"
        + " (23, 'evil@example.com', '<img src=x onerror=alert(1)>', NULL)",
    "INSERT INTO cover (id, project_id, msgid, name, date, headers, submitter_id, content) VALUES"
        + " (20, 10, '<cov@example.com>', '[PATCH v2 0/2] Widgets', '2024-01-01 00:00:00', '', 20, 'Cover.')",
    "INSERT INTO series (id, project_id, cover_letter_id, name, date, submitter_id, version, total) VALUES"
        + " (20, 10, 20, 'Widgets', '2024-01-01 00:00:00', 20, 2, 2),"
        + " (21, 10, NULL, '<script>alert(2)</script>', '2024-01-05 00:00:00', 23, 1, 1)",
    "INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff, series_id, number,"
        + " state_id, archived, delegate_id) VALUES"
        + " (101, 10, '<w1@example.com>', 'widget: one', '2024-01-01 01:00:00', '', 20, 'x', '', 20, 1, 1, false, 1),"
        + " (102, 10, '<w2@example.com>', 'widget: two', '2024-01-02 01:00:00', '', 20, 'x', '', 20, 2, 3, false, NULL),"
        + " (103, 10, '<g1@example.com>', 'gadget: fix', '2024-01-03 01:00:00', '', 21, 'x', '', NULL, NULL, 2, false, 2),"
        + " (104, 10, '<g2@example.com>', 'gadget: old', '2024-01-04 01:00:00', '', 22, 'x', '', NULL, NULL, 1, true, NULL),"
        + " (105, 10, '<evil@example.com>', '<b>evil</b> patch', '2024-01-05 01:00:00', '', 23, 'x', '', 21, 1, 1,"
        + " false, NULL)",
    "INSERT INTO patch_tag (patch_id, tag_id, count) VALUES (101, 1, 2), (101, 2, 1)",
    "INSERT INTO patch_check (patch_id, user_id, date, state, context) VALUES"
        + " (101, 1, '2024-01-02 00:00:00', 1, 'build'), (101, 1, '2024-01-02 00:00:00', 3, 'test'),"
        + " (101, 1, '2024-01-03 00:00:00', 2, 'test'), (103, 1, '2024-01-03 00:00:00', 3, 'build')",
    "INSERT INTO bundle (id, owner_id, project_id, name, public) VALUES (30, 1, 10, 'maint-pub', true),"
        + " (31, 2, 10, 'secret', false), (32, 1, 10, '<i>hostile</i>', true)",
    "INSERT INTO bundle_patch (bundle_id, patch_id, \"order\") VALUES (30, 103, 1), (30, 101, 2), (31, 102, 1)",
    "SELECT setval(pg_get_serial_sequence('patch', 'id'), 200)",
    "INSERT INTO patch (project_id, msgid, name, date, headers, submitter_id, content, diff, state_id)"
        + " SELECT 11, '<many' || g || '@example.com>', 'many ' || CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END"
        + " || ' ' || g, timestamp '2023-01-01' + g * interval '1 minute', '', 20, 'x', '', 1"
        + " FROM generate_series(1, 250) g",
  };

  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      for (String sql : DATA) {
        s.execute(sql);
      }
    }
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void defaultIsActionRequiredAndNotArchived() throws Exception {
    assertEquals(List.of("<b>evil</b> patch", "gadget: fix", "widget: one"), names("/project/filters/list/"));
  }

  @Test
  void stateFilter() throws Exception {
    assertEquals(List.of("widget: two"), names("/project/filters/list/?state=3"));
    assertEquals(List.of("<b>evil</b> patch", "gadget: fix", "widget: two", "widget: one"),
        names("/project/filters/list/?state=*"));
    assertEquals(names("/project/filters/list/"), names("/project/filters/list/?state=bogus"), "not an id: the default");
    String form = api.get("/project/filters/list/?state=3").body();
    assertTrue(form.contains("<option value=\"3\" selected>Accepted</option>"), form);
  }

  @Test
  void archiveFilter() throws Exception {
    assertEquals(List.of("gadget: old"), names("/project/filters/list/?archive=true"));
    assertEquals(List.of("gadget: old"), names("/project/filters/list/?archived=true"), "the API's spelling");
    assertEquals(5, names("/project/filters/list/?archive=both&state=*").size());
    assertEquals(names("/project/filters/list/"), names("/project/filters/list/?archive=false"));
    assertTrue(api.get("/project/filters/list/?archive=both").body()
        .contains("<input type=\"radio\" name=\"archive\" value=\"both\" checked>"));
  }

  @Test
  void searchFilter() throws Exception {
    assertEquals(List.of("widget: one"), names("/project/filters/list/?q=WIDGET"));
    assertEquals(List.of("gadget: old", "gadget: fix"), names("/project/filters/list/?q=gadget&archive=both"));
    assertEquals(List.of(), names("/project/filters/list/?q=nothing+like+it"));
  }

  @Test
  void submitterFilter() throws Exception {
    // An id names the person and every address of the same user, as Patchwork's SubmitterFilter.
    assertEquals(List.of("gadget: old", "gadget: fix"), names("/project/filters/list/?submitter=21&archive=both"));
    assertEquals(List.of("widget: one"), names("/project/filters/list/?submitter=20"));
    assertEquals(List.of("widget: one"), names("/project/filters/list/?submitter=alice"), "part of a name");
    assertEquals(List.of(), names("/project/filters/list/?submitter=nobody+of+that+name"));
    String body = api.get("/project/filters/list/").body();
    assertTrue(body.contains("<a href=\"/project/filters/list/?submitter=20\">Alice Able</a>"), body);
  }

  @Test
  void delegateFilter() throws Exception {
    assertEquals(List.of("widget: one"), names("/project/filters/list/?delegate=1"));
    assertEquals(List.of("gadget: fix"), names("/project/filters/list/?delegate=OTH"));
    assertTrue(api.get("/project/filters/list/").body().contains("<td>maintainer</td><td>New</td>"));
  }

  @Test
  void orderByColumns() throws Exception {
    assertEquals(List.of("gadget: fix", "widget: one", "widget: two"),
        names("/project/filters/list/?state=*&q=et&order=name"));
    assertEquals(List.of("widget: two", "widget: one", "gadget: fix"),
        names("/project/filters/list/?state=*&q=et&order=-name"));
    assertEquals(List.of("widget: one", "gadget: fix", "<b>evil</b> patch"), names("/project/filters/list/?order=date"));
    assertEquals(List.of("widget: one", "gadget: fix"), names("/project/filters/list/?q=et&order=submitter"));
    assertEquals(List.of("widget: one", "gadget: fix"), names("/project/filters/list/?q=et&order=state"));
    assertEquals(names("/project/filters/list/"), names("/project/filters/list/?order=bogus"), "unknown: the default");

    String byName = api.get("/project/filters/list/?q=et&order=name").body();
    // The active column's header reverses it; the others order by themselves, keeping the filters.
    assertTrue(byName.contains("<a href=\"/project/filters/list/?q=et&amp;order=-name\">Patch</a>"), byName);
    assertTrue(byName.contains("aria-sort=\"ascending\""), byName);
    assertTrue(byName.contains("<a href=\"/project/filters/list/?q=et&amp;order=date\">Date</a>"), byName);
    assertTrue(byName.contains("<input type=\"hidden\" name=\"order\" value=\"name\">"), byName);
    String byDefault = api.get("/project/filters/list/").body();
    assertTrue(byDefault.contains("<a href=\"/project/filters/list/?order=date\">Date</a>"), byDefault);
  }

  @Test
  void pagesKeepTheFilters() throws Exception {
    String first = api.get("/project/many/list/?q=even&order=date").body();
    assertEquals(100, names(first, true).size());
    assertTrue(first.contains("<a rel=\"next\" href=\"/project/many/list/?q=even&amp;order=date&amp;page=2\">Next</a>"),
        first);
    assertTrue(first.contains("125 patches"), first);
    String second = api.get("/project/many/list/?q=even&order=date&page=2").body();
    List<String> rest = names(second, true);
    assertEquals(25, rest.size());
    assertTrue(rest.stream().allMatch(n -> n.startsWith("many even ")), rest.toString());
    assertEquals("many even 250", rest.get(24));
    assertTrue(second.contains("<a rel=\"prev\" href=\"/project/many/list/?q=even&amp;order=date\">Previous</a>"),
        second);
  }

  @Test
  void seriesViewShowsTheWholeSeriesUnderItsHeading() throws Exception {
    HttpResponse<String> r = api.get("/project/filters/list/?series=20");
    assertEquals(200, r.statusCode());
    String body = r.body();
    assertEquals(List.of("widget: two", "widget: one"), names(body, false), "every state, archived or not");
    assertTrue(body.contains("<h2>Series: Widgets</h2>"), body);
    assertTrue(body.contains("Version 2, 2 patches, from Alice Able."), body);
    assertTrue(body.contains("<a href=\"/project/filters/cover/cov@example.com/\">[PATCH v2 0/2] Widgets</a>"), body);
    assertTrue(body.contains("<a href=\"/series/20/mbox/\">"), body);
    assertEquals(List.of("widget: one"), names("/project/filters/list/?series=20&state="), "asked: action required");
    // A series link in the list leads here.
    assertTrue(api.get("/project/filters/list/").body()
        .contains("<td class=\"series\"><a href=\"/project/filters/list/?series=20\">Widgets</a></td>"));
    // Another project's series, or none, is no filter.
    assertFalse(api.get("/project/openrisc/list/?series=20").body().contains("Series: "));
    assertEquals(names("/project/filters/list/"), names("/project/filters/list/?series=999"));
  }

  @Test
  void tagAndCheckCounts() throws Exception {
    String body = api.get("/project/filters/list/").body();
    // The newest check per context counts: "test" warned after it failed.
    assertTrue(body.contains("<td class=\"counts\">2 1 -</td><td class=\"counts\"><span class=\"success\">1</span>"
        + " <span class=\"warning\">1</span> <span>-</span></td>"), body);
    assertTrue(body.contains("<td class=\"counts\">- - -</td><td class=\"counts\"><span>-</span> <span>-</span>"
        + " <span class=\"fail\">1</span></td>"), body);
  }

  @Test
  void publicBundleIsSeenByEveryone() throws Exception {
    HttpResponse<String> r = api.get("/bundle/maintainer/maint-pub/");
    assertEquals(200, r.statusCode());
    assertEquals(List.of("gadget: fix", "widget: one"), names(r.body(), false), "the bundle's order");
    assertTrue(r.body().contains("<a href=\"/bundle/maintainer/maint-pub/mbox/\">"), r.body());
    assertEquals(200, api.get("/bundle/maintainer/maint-pub/mbox/").statusCode());
  }

  @Test
  void privateBundleIsSeenByItsOwnerOnly() throws Exception {
    assertEquals(404, api.get("/bundle/other/secret/").statusCode());
    assertEquals(404, api.get("/bundle/other/secret/", ApiFixture.MAINTAINER_TOKEN).statusCode());
    HttpResponse<String> mine = api.get("/bundle/other/secret/", ApiFixture.OTHER_TOKEN);
    assertEquals(200, mine.statusCode());
    assertEquals(List.of("widget: two"), names(mine.body(), false));
    assertTrue(mine.body().contains("Private bundle of other"), mine.body());
    assertEquals(404, api.get("/bundle/nobody/nothing/").statusCode());
  }

  @Test
  void userBundles() throws Exception {
    HttpResponse<String> anonymous = api.get("/user/bundles/");
    assertEquals(302, anonymous.statusCode());
    assertEquals("/user/login/?next=/user/bundles/", anonymous.headers().firstValue("Location").orElseThrow());
    String other = api.get("/user/bundles/", ApiFixture.OTHER_TOKEN).body();
    assertTrue(other.contains("<a href=\"/bundle/other/secret/\">secret</a>"), other);
    assertFalse(other.contains("maint-pub"), other);
    String maintainer = api.get("/user/bundles/", ApiFixture.MAINTAINER_TOKEN).body();
    assertTrue(maintainer.contains("maint-pub") && !maintainer.contains("secret"), maintainer);
    assertTrue(maintainer.contains("<td class=\"num\">2</td>"), maintainer);
  }

  @Test
  void projectPublicBundles() throws Exception {
    String body = api.get("/project/filters/bundles/").body();
    assertTrue(body.contains("<a href=\"/bundle/maintainer/maint-pub/\">maint-pub</a>"), body);
    assertFalse(body.contains("secret"), body);
    assertTrue(body.contains(">&lt;i&gt;hostile&lt;/i&gt;</a>"), body);
    assertFalse(body.contains("<i>"), body);
    assertEquals(404, api.get("/project/nosuch/bundles/").statusCode());
  }

  @Test
  void pwclientrc() throws Exception {
    HttpResponse<String> r = api.get("/project/filters/pwclientrc/");
    assertEquals(200, r.statusCode());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("attachment; filename=.pwclientrc", r.headers().firstValue("Content-Disposition").orElseThrow());
    String rc = r.body();
    assertTrue(rc.contains("# [options]\n# default=filters\n\n[filters]\nurl = " + api.url("/xmlrpc/") + "\n"), rc);
    assertFalse(rc.contains("username"), rc);
    String signedIn = api.get("/project/filters/pwclientrc/", ApiFixture.MAINTAINER_TOKEN).body();
    assertTrue(signedIn.endsWith("username = maintainer\npassword = <add your patchwork password here>\n"), signedIn);
    assertEquals(404, api.get("/project/nosuch/pwclientrc/").statusCode());
  }

  @Test
  void hostileNamesAndQueriesAreEscaped() throws Exception {
    String body = api.get("/project/filters/list/").body();
    assertTrue(body.contains(">&lt;b&gt;evil&lt;/b&gt; patch</a>"), body);
    assertTrue(body.contains(">&lt;script&gt;alert(2)&lt;/script&gt;</a>"), body);
    assertTrue(body.contains(">&lt;img src=x onerror=alert(1)&gt;</a>"), body);
    assertFalse(foreignScript(body) || body.contains("<img") || body.contains("<b>"), body);
    String series = api.get("/project/filters/list/?series=21").body();
    assertTrue(series.contains("<h2>Series: &lt;script&gt;alert(2)&lt;/script&gt;</h2>"), series);
    assertFalse(foreignScript(series), series);
    String q = api.get("/project/filters/list/?q=%22%3E%3Cscript%3Ex&submitter=%22%3E%3Csvg").body();
    assertFalse(q.contains("\"><script") || q.contains("\"><svg"), q);
    assertTrue(q.contains("value=\"&#34;>&lt;script"), q);
  }

  @Test
  void pagesAreSmallAndStyledFromTheStylesheet() throws Exception {
    for (String path : new String[] {"/project/many/list/?state=*", "/project/filters/list/?series=20",
        "/bundle/maintainer/maint-pub/", "/project/filters/bundles/"}) {
      HttpResponse<String> r = api.get(path);
      assertEquals(200, r.statusCode(), path);
      assertTrue(r.body().getBytes(StandardCharsets.UTF_8).length < 100_000, path);
      assertFalse(r.body().contains("style="), path);
      assertFalse(foreignScript(r.body()), path);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'; style-src 'self'"), path);
    }
  }

  /** Whether {@code body} has a script beside the page's own patchpipe.js. */
  private static boolean foreignScript(String body) {
    return body.replace("<script defer src=\"/static/js/patchpipe.js\"></script>", "").contains("<script");
  }

  private List<String> names(String path) throws Exception {
    HttpResponse<String> r = api.get(path);
    assertEquals(200, r.statusCode(), path);
    return names(r.body(), false);
  }

  /** The patch names of a list page, in order, unescaped (only what the fixtures' names hold). */
  private static List<String> names(String html, boolean any) {
    Matcher m = Pattern.compile("<td class=\"name\"><a href=\"[^\"]*\">([^<]*)</a></td>").matcher(html);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    return names;
  }
}
