package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The patch and cover pages (store.web's PatchPage and CoverPage) over {@link ApiFixture}'s small
 * world, plus a project whose mail is hostile and two revisions of one patch: what each section
 * shows, the series neighbours, the interdiff, escaping of everything from mail and checks, and
 * that every patch's and cover's {@code web_url} answers.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatchPagesTest {
  private static final String HOSTILE = "<script>alert(1)</script>";
  private static final String HOSTILE_MSGID = "<$(touch /tmp/pwned)'x@evil>";

  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO project (id, linkname, name, listid, listemail) VALUES"
          + " (3, 'hostile', 'hostile', 'hostile.example.com', 'hostile@example.com')");
      s.execute("INSERT INTO person (id, email, name) VALUES (10, 'evil@example.com', '" + HOSTILE + "')");
      s.execute("INSERT INTO patch_relation (id) VALUES (1)");
      s.execute("INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff,"
          + " state_id, related_id) VALUES"
          + " (20, 3, '" + HOSTILE_MSGID.replace("'", "''") + "', '" + HOSTILE + " v1', '2022-02-02 02:02:02',"
          + " 'Subject: " + HOSTILE + "\nX-Evil: \"><img src=x onerror=alert(1)>', 10, 'Body " + HOSTILE + "',"
          + " 'diff --git a/x.html b/x.html\n--- a/x.html\n+++ b/x.html\n@@ -1,2 +1,2 @@\n-- old dashes\n-<b>\n+<i>\n+kept\n', 1, 1),"
          + " (21, 3, '<v2@evil>', 'second revision', '2022-03-03 03:03:03', '', 10, 'v2',"
          + " 'diff --git a/x.html b/x.html\n--- a/x.html\n+++ b/x.html\n@@ -1,2 +1,2 @@\n-- old dashes\n-<b>\n+<u>\n+kept\n', 1, 1)");
      s.execute("INSERT INTO patch_check (patch_id, user_id, state, target_url, context, description) VALUES"
          + " (20, 1, 3, 'javascript:alert(1)', 'evil-ci', '" + HOSTILE + "'),"
          + " (20, 1, 1, 'https://ci.example.com/run/1', 'good-ci', 'built')");
    }
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void patchPageShowsTheMailDiffRepliesDownloadsAndCommands() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/patch/p1@example.com/");
    assertEquals(200, r.statusCode());
    String body = r.body();
    assertTrue(body.contains("<h1>[1/2] or1k: Add a world</h1>"), body);
    assertTrue(body.contains("<dt>State</dt><dd>New</dd>"), body);
    assertTrue(body.contains("<pre class=\"content\">Add a world to hello.\n\nSigned-off-by:"), body);
    // The diff: one section for hello.txt, +1 -0, its added line told apart from context.
    assertTrue(body.contains("<span class=\"path\">hello.txt</span> <span class=\"stat\"><span class=\"add\">+1</span>"
        + " <span class=\"del\">-0</span></span>"), body);
    assertTrue(body.contains("<span class=\"ctx\"> hello</span>\n<span class=\"add\">+world</span>"), body);
    // The reply, with its tag.
    assertTrue(body.contains("<strong>Bernhard Reutner-Fischer</strong>"), body);
    assertTrue(body.contains("<span class=\"badge tag\">Acked-by: Bernhard Reutner-Fischer &lt;rep.dot.nop@gmail.com&gt;</span>"), body);
    assertTrue(body.contains("<a href=\"/project/openrisc/patch/p1@example.com/mbox/\">mbox</a>"), body);
    assertTrue(body.contains("<a href=\"/project/openrisc/patch/p1@example.com/mbox/?series=*\">mbox with dependencies</a>"), body);
    assertTrue(body.contains("<a href=\"/series/1/mbox/\">series mbox</a>"), body);
    assertTrue(body.contains("git pw patch apply 1\ngit pw series apply 1\nb4 am p1@example.com\nb4 shazam p1@example.com\n"), body);
    // Live updates: the page subscribes by patch and swaps its replies and checks.
    assertTrue(body.contains("<article class=\"patch\" data-live-patch=\"1\">"), body);
    assertTrue(body.contains("<section id=\"comments\" class=\"comments\" data-live-swap>"), body);
    assertTrue(body.contains("<section id=\"checks\" class=\"checks\" data-live-swap>"), body);
  }

  @Test
  void patchPageLinksItsNeighboursInTheSeries() throws Exception {
    String first = api.get("/project/openrisc/patch/p1@example.com/").body();
    assertTrue(first.contains("<a rel=\"next\" href=\"/patch/2/\">[2/2] or1k: Say it again →</a>"), first);
    assertFalse(first.contains("rel=\"prev\""), first);
    assertTrue(first.contains("› <a href=\"/project/openrisc/list/?series=1\">Add a world</a>"), first);
    String second = api.get("/project/openrisc/patch/p2@example.com/").body();
    assertTrue(second.contains("<a rel=\"prev\" href=\"/patch/1/\">← [1/2] or1k: Add a world</a>"), second);
    assertFalse(second.contains("rel=\"next\""), second);
    assertEquals(302, api.get("/patch/2/").statusCode());
  }

  @Test
  void everythingFromMailAndChecksIsEscaped() throws Exception {
    HttpResponse<String> r = api.get("/project/hostile/patch/" + PercentCoding.msgidPath(HOSTILE_MSGID) + "/");
    assertEquals(200, r.statusCode());
    String body = r.body();
    assertFalse(body.contains("<script>alert"), body);
    assertFalse(body.contains("<img src=x"), body);
    assertFalse(body.contains("<b>") || body.contains("<i>"), body);
    assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; v1"), body);
    // A removed line that reads like a file header stays a removed line.
    assertTrue(body.contains("<span class=\"del\">-- old dashes</span>"), body);
    // Only an http(s) target becomes a link.
    assertFalse(body.contains("href=\"javascript:"), body);
    assertTrue(body.contains("<code>javascript:alert(1)</code>"), body);
    assertTrue(body.contains("<a href=\"https://ci.example.com/run/1\" rel=\"nofollow noopener\">good-ci</a>"), body);
    // The Message-ID is one quoted shell word in the commands.
    assertTrue(body.contains("b4 am '$(touch /tmp/pwned)'\\''x@evil'\n"), body);
  }

  @Test
  void patchPageListsOtherRevisionsAndShowsTheInterdiff() throws Exception {
    String page = "/project/hostile/patch/v2@evil/";
    String body = api.get(page).body();
    assertTrue(body.contains("<a href=\"" + page + "?interdiff=20#interdiff\">interdiff</a>"), body);
    assertFalse(body.contains("id=\"interdiff\""), body);
    String withInterdiff = api.get(page + "?interdiff=20").body();
    assertTrue(withInterdiff.contains("id=\"interdiff\""), withInterdiff);
    assertTrue(withInterdiff.contains("<span class=\"del\">-+&lt;i&gt;</span>\n<span class=\"add\">++&lt;u&gt;</span>"),
        withInterdiff);
    // An id that is no revision of this patch shows no interdiff.
    assertFalse(api.get(page + "?interdiff=2").body().contains("id=\"interdiff\""));
  }

  @Test
  void coverPageShowsTheLetterItsSeriesAndReplies() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/cover/c0@example.com/");
    assertEquals(200, r.statusCode());
    String body = r.body();
    assertTrue(body.contains("<h1>[0/2] Add a world</h1>"), body);
    assertTrue(body.contains("<pre class=\"content\">This series adds a world.\n</pre>"), body);
    int first = body.indexOf("<li><a href=\"/patch/1/\">[1/2] or1k: Add a world</a></li>");
    int second = body.indexOf("<li><a href=\"/patch/2/\">[2/2] or1k: Say it again</a></li>");
    assertTrue(first > 0 && second > first, body);
    assertTrue(body.contains("<pre class=\"content\">Ping.</pre>"), body);
    assertTrue(body.contains("git pw series apply 1\nb4 am c0@example.com\n"), body);
  }

  @Test
  void everyWebUrlTheApiServesAnswers() throws Exception {
    for (String kind : new String[] {"patches", "covers"}) {
      String list = api.get("/api/1.2/" + kind + "/?per_page=100").body();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"web_url\":\"http://[^/]+(/[^\"]+)\"").matcher(list);
      int seen = 0;
      while (m.find()) {
        seen++;
        assertEquals(200, api.get(m.group(1)).statusCode(), m.group(1));
      }
      assertTrue(seen > 0, list);
    }
  }

  @Test
  void unknownPatchesAndCoversAre404() throws Exception {
    assertEquals(404, api.get("/project/openrisc/patch/nobody@example.com/").statusCode());
    assertEquals(404, api.get("/project/nowhere/patch/p1@example.com/").statusCode());
    assertEquals(404, api.get("/project/openrisc/cover/p1@example.com/").statusCode());
  }
}
