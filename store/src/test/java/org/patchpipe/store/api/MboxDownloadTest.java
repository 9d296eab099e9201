package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/** The downloads at Patchwork's URLs: patch mbox (R12.9), raw diff, cover and series mbox, redirects. */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MboxDownloadTest {
  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void patchMboxIsPatchworksDocument() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/patch/p1@example.com/mbox/");
    assertEquals(200, r.statusCode());
    assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("attachment; filename=1-2-or1k-Add-a-world.patch",
        r.headers().firstValue("Content-Disposition").orElseThrow());
    assertEquals("From patchwork Mon May  6 13:16:20 2019\n"
        + "Content-Type: text/plain; charset=\"utf-8\"\n"
        + "MIME-Version: 1.0\n"
        + "Content-Transfer-Encoding: 7bit\n"
        + "X-Patchwork-Submitter: Stafford Horne <shorne@gmail.com>\n"
        + "X-Patchwork-Id: 1\n"
        + "From: Stafford Horne <shorne@gmail.com>\n"
        + "To: openrisc@lists.librecores.org\n"
        + "Subject: [OpenRISC] [PATCH 1/2] or1k: Add a world\n"
        + "Date: Mon,  6 May 2019 22:16:20 +0900\n"
        + "Message-Id: <p1@example.com>\n"
        + "Received: from a by b\n"
        + "Received: from c by d\n"
        + "\n"
        + "Add a world to hello.\n"
        + "\n"
        + "Signed-off-by: Stafford Horne <shorne@gmail.com>\n"
        + "Acked-by: Bernhard Reutner-Fischer <rep.dot.nop@gmail.com>\n"
        + "---\n"
        + " hello.txt | 1 +\n"
        + "\n"
        + ApiFixture.DIFF_1, r.body());
  }

  @Test
  void listAddressFromIsReplacedBySubmitterAndDateAdded() throws Exception {
    String body = api.get("/project/openrisc/patch/rfc@example.com/mbox/").body();
    assertTrue(body.contains("\nX-Patchwork-Submitter: =?utf-8?q?J=C3=B6rg_Other?= <other@example.com>\n"), body);
    assertTrue(body.contains("\nX-Patchwork-Original-From: openrisc@lists.librecores.org\n"
        + "From: =?utf-8?q?J=C3=B6rg_Other?= <other@example.com>\n"), body);
    assertTrue(body.contains("\nDate: Wed, 01 Jan 2020 10:00:00 -0000\n\nAn idea.\n\n"), body);
  }

  @Test
  void rawDiffAndRedirectsFromIds() throws Exception {
    HttpResponse<String> raw = api.get("/project/openrisc/patch/p1@example.com/raw/");
    assertEquals("text/x-patch", raw.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(ApiFixture.DIFF_1, raw.body());
    HttpResponse<String> redirect = api.get("/patch/1/mbox/");
    assertEquals(302, redirect.statusCode());
    assertEquals("/project/openrisc/patch/p1@example.com/mbox/", redirect.headers().firstValue("Location").orElseThrow());
    assertEquals("/project/linux-efi/patch/a%252Fb+c=d%25e%20f%22g@x/raw/",
        api.get("/patch/5/raw/").headers().firstValue("Location").orElseThrow());
    assertEquals(200, api.get("/project/linux-efi/patch/a%252Fb+c=d%25e%20f%22g@x/raw/").statusCode(),
        "Patchwork's own link for a msgid with a slash resolves here (R13.19)");
    assertEquals(404, api.get("/project/openrisc/patch/nothing@example.com/mbox/").statusCode());
  }

  @Test
  void seriesMboxIsItsPatchesInOrder() throws Exception {
    HttpResponse<String> r = api.get("/series/1/mbox/");
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("attachment; filename=Add-a-world.patch", r.headers().firstValue("Content-Disposition").orElseThrow());
    String body = r.body();
    int second = body.indexOf("\nFrom patchwork Mon May  6 13:16:21 2019\n");
    assertTrue(body.startsWith("From patchwork Mon May  6 13:16:20 2019\n") && second > 0, body);
    assertTrue(body.substring(0, second).endsWith(ApiFixture.DIFF_1), "joined by one newline");
    assertTrue(body.endsWith(ApiFixture.DIFF_2));
  }

  @Test
  void patchMboxWithSeriesDependencies() throws Exception {
    String body = api.get("/project/openrisc/patch/p2@example.com/mbox/?series=*").body();
    assertTrue(body.startsWith("From patchwork Mon May  6 13:16:20 2019\n"));
    assertTrue(body.contains("\nFrom patchwork Mon May  6 13:16:21 2019\n"));
    assertEquals(404, api.get("/project/openrisc/patch/p2@example.com/mbox/?series=7").statusCode());
  }

  @Test
  void coverMbox() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/cover/c0@example.com/mbox/");
    assertEquals(200, r.statusCode());
    assertEquals("attachment; filename=0-2-Add-a-world.mbox", r.headers().firstValue("Content-Disposition").orElseThrow());
    assertTrue(r.body().endsWith("\n\nThis series adds a world.\n"), r.body());
  }
}
