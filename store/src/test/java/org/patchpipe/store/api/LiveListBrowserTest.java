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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;
import org.patchpipe.store.web.Browser;

/**
 * The patch list in headless Chromium ({@link Browser}; skipped where there is none): no sideways
 * scroll at a desktop's and a phone's width, a patch stored meanwhile appearing without a reload
 * (patchpipe.js over {@code /events/stream/}), as does a state change made through the API, j/k moving the highlighted row and Enter opening it.
 * Leaves PNGs of the list in {@code store/target/screenshots/}.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveListBrowserTest {
  private ApiFixture api;
  /** One browser for the class (each test sets the viewport it needs): Chromium takes seconds to start. */
  private Browser browser;

  /** Why there is no browser, where there is none. */
  private String missing;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    // Without a browser each test skips, saying so (a class-level skip would count as no tests at all).
    missing = Browser.unavailable().orElse(null);
    if (missing != null) {
      return;
    }
    browser = Browser.open(1280, 900);
    api = ApiFixture.start(db);
    sql("INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff, state_id)"
        + " VALUES (6, 1, '<long@example.com>', '[PATCH v3 07/12] arch/openrisc/kernel: "
        + "a_rather_long_identifier_without_any_break_in_it_to_wrap_at_all_costs_and_more', '2019-05-07 08:00:00',"
        + " '', 2, 'x', '', 1)");
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
  void theListNeverScrollsSideways() {
    browser.get(api.url("/project/openrisc/list/"));
    assertFalse(browser.scrollsHorizontally(), "the list scrolls sideways at 1280 px");
    Path wide = browser.screenshot("list-1280");
    browser.viewport(390, 844);
    browser.get(api.url("/project/openrisc/list/"));
    assertFalse(browser.scrollsHorizontally(), "the list scrolls sideways at 390 px");
    Path narrow = browser.screenshot("list-390");
    assertTrue(Files.exists(wide) && Files.exists(narrow));
  }

  @Test
  void aNewPatchAppearsWithoutReload() throws Exception {
    browser.get(api.url("/project/openrisc/list/"));
    browser.waitFor(d -> "open".equals(browser.find("[data-live-project]").getAttribute("data-live-state")));
    // Marks this document: a reload would lose it.
    browser.script("window.sameDocument = true");
    // EventSource opens on the headers; the server attaches the stream just after them.
    Thread.sleep(1000);
    sql("INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff, state_id)"
        + " VALUES (7, 1, '<live@example.com>', '[PATCH] or1k: Arrived while you looked', '2019-05-08 09:00:00',"
        + " '', 1, 'x', '', 1)");
    sql("INSERT INTO event (project_id, category, date, patch_id) VALUES (1, 'patch-created', now(), 7)");
    browser.waitFor(d -> d.getPageSource().contains("Arrived while you looked"));
    assertEquals(Boolean.TRUE, browser.script("return window.sameDocument === true"), "the page was reloaded");
    WebElement notice = browser.waitFor(d -> d.findElement(By.cssSelector(".live-notice")));
    assertTrue(notice.getText().startsWith("1 update"), notice.getText());
    browser.screenshot("list-live");
  }

  @Test
  void aStateChangeThroughTheApiShowsWithoutReload() throws Exception {
    browser.get(api.url("/project/openrisc/list/"));
    browser.waitFor(d -> "open".equals(browser.find("[data-live-project]").getAttribute("data-live-state")));
    browser.script("window.sameDocument = true");
    Thread.sleep(1000);
    // The API's own write path: PatchRepository records the change through EventLog.
    HttpResponse<String> changed = api.send("PATCH", "/api/1.2/patches/1/", "{\"state\": \"under-review\"}",
        ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, changed.statusCode(), changed.body());
    browser.waitFor(d -> d.findElement(By.xpath("//tr[td[@class='name']/a[contains(., 'Add a world')]]/td[last()]"))
        .getText().equals("Under Review"));
    assertEquals(Boolean.TRUE, browser.script("return window.sameDocument === true"), "the page was reloaded");
  }

  @Test
  void jAndKMoveTheHighlightAndEnterOpensTheRow() {
    browser.get(api.url("/project/openrisc/list/"));
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.patches tbody tr"));
    assertTrue(rows.size() >= 3, "rows: " + rows.size());
    browser.press("j");
    assertEquals(0, current(browser));
    browser.press("j", "j");
    assertEquals(2, current(browser));
    browser.press("k");
    assertEquals(1, current(browser));
    browser.press("k", "k", "k");
    assertEquals(0, current(browser), "k stops at the first row");
    String href = browser.find("tr.current a").getAttribute("href");
    browser.press(Keys.ENTER);
    browser.waitFor(d -> d.getCurrentUrl().equals(href));
  }

  @Test
  void aStateKeySetsTheStateFormAndSubmitsIt() {
    browser.get(api.url("/project/openrisc/list/"));
    // The maintainers' form (helper "people" writes it); here one that submits back to the list by GET.
    browser.script("var f = document.createElement('form'); f.setAttribute('data-shortcut-state', '');"
        + "f.action = location.pathname; f.method = 'get';"
        + "f.innerHTML = '<select name=state><option value=1>New</option><option value=3>Accepted</option>"
        + "<option value=4 data-key=z>Rejected</option></select>';"
        + "document.querySelector('main').appendChild(f);");
    browser.press("j", "a");
    browser.waitFor(d -> d.getCurrentUrl().endsWith("/project/openrisc/list/?state=3"));
    browser.get(api.url("/project/openrisc/list/"));
    browser.script("var f = document.createElement('form'); f.setAttribute('data-shortcut-state', '');"
        + "f.action = location.pathname; f.method = 'get';"
        + "f.innerHTML = '<input name=q><select name=state><option value=4 data-key=z>Rejected</option></select>';"
        + "document.querySelector('main').appendChild(f);");
    browser.find("form[data-shortcut-state] input[name=q]").sendKeys("z");
    assertTrue(browser.driver().getCurrentUrl().endsWith("/list/"), "keys typed into a field are text, not shortcuts");
    browser.find("body").click();
    browser.press("z");
    browser.waitFor(d -> d.getCurrentUrl().endsWith("/project/openrisc/list/?q=z&state=4"));
  }

  /** The index of the highlighted row, checking there is exactly one. */
  private static int current(Browser browser) {
    Object index = browser.script("var rows = Array.from(document.querySelectorAll('table.patches tbody tr'));"
        + "var current = rows.filter(function (r) { return r.classList.contains('current'); });"
        + "return current.length === 1 ? rows.indexOf(current[0]) : -current.length - 1;");
    return ((Number) index).intValue();
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
