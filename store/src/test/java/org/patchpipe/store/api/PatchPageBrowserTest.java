package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;
import org.patchpipe.store.web.Browser;

/**
 * The patch page in headless Chromium ({@link Browser}; skipped where there is none): a diff with a
 * very long line scrolls inside its box, never the page, at a desktop's and a phone's width; a
 * check reported through the API and a reply stored meanwhile appear without a reload. Leaves
 * PNGs of the page in {@code store/target/screenshots/}.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatchPageBrowserTest {
  private static final String PAGE = "/project/openrisc/patch/wide@example.com/";

  private ApiFixture api;
  private Browser browser;
  private String missing;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    missing = Browser.unavailable().orElse(null);
    if (missing != null) {
      return;
    }
    browser = Browser.open(1280, 900);
    api = ApiFixture.start(db);
    String wide = "x".repeat(400);
    sql("INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff, state_id)"
        + " VALUES (6, 1, '<wide@example.com>', '[PATCH] or1k: A line wider than any screen', '2019-05-07 08:00:00',"
        + " 'From: Stafford Horne <shorne@gmail.com>\nSubject: [PATCH] or1k: A line wider than any screen', 1,"
        + " 'Make it wide.\n', 'diff --git a/w.c b/w.c\n--- a/w.c\n+++ b/w.c\n@@ -1 +1 @@\n-old\n+" + wide + "\n', 1)");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void desktop() {
    org.junit.jupiter.api.Assumptions.assumeTrue(browser != null, () -> missing);
    browser.viewport(1280, 900);
  }

  @Test
  void thePageNeverScrollsSideways() {
    browser.get(api.url(PAGE));
    assertFalse(browser.scrollsHorizontally(), "the patch page scrolls sideways at 1280 px");
    Path wide = browser.screenshot("patch-1280");
    browser.viewport(390, 844);
    browser.get(api.url(PAGE));
    assertFalse(browser.scrollsHorizontally(), "the patch page scrolls sideways at 390 px");
    Path narrow = browser.screenshot("patch-390");
    assertTrue(Files.exists(wide) && Files.exists(narrow));
  }

  @Test
  void aCheckAndAReplyAppearWithoutReload() throws Exception {
    browser.get(api.url(PAGE));
    browser.waitFor(d -> "open".equals(browser.find("[data-live-patch]").getAttribute("data-live-state")));
    browser.script("window.sameDocument = true");
    // EventSource opens on the headers; the server attaches the stream just after them.
    Thread.sleep(1000);
    HttpResponse<String> check = api.send("POST", "/api/1.2/patches/6/checks/",
        "{\"state\": \"success\", \"context\": \"ci-build\", \"target_url\": \"https://ci.example.com/6\"}",
        ApiFixture.MAINTAINER_TOKEN);
    assertEquals(201, check.statusCode(), check.body());
    browser.waitFor(d -> d.findElement(By.cssSelector("#checks")).getText().contains("ci-build"));
    sql("INSERT INTO patch_comment (id, patch_id, msgid, date, headers, submitter_id, content) VALUES"
        + " (9, 6, '<reply6@example.com>', '2019-05-08 10:00:00', '', 2, 'Reviewed-by: Bernhard <b@example.com>\n')");
    sql("INSERT INTO event (project_id, category, date, patch_id) VALUES (1, 'patch-comment-created', now(), 6)");
    browser.waitFor(d -> d.findElement(By.cssSelector("#comments")).getText().contains("Reviewed-by: Bernhard"));
    assertEquals(Boolean.TRUE, browser.script("return window.sameDocument === true"), "the page was reloaded");
    browser.screenshot("patch-live");
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
