package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * What every answer carries against a hostile client: request text quoted in an HTML error page is
 * escaped, and the browser security headers Patchwork's Django stack sends are on every response.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseHardeningTest {
  private static final String SCRIPT = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";

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
  void queryValueQuotedInAnHtmlErrorIsEscaped() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/patch/p2@example.com/mbox/?series=" + SCRIPT);
    assertEquals(404, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertFalse(r.body().contains("<script>"), r.body());
    assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), r.body());
  }

  @Test
  void messageIdInThePathIsEscapedToo() throws Exception {
    HttpResponse<String> r = api.get("/project/openrisc/patch/" + SCRIPT + "@example.com/mbox/");
    assertEquals(404, r.statusCode());
    assertFalse(r.body().contains("<script>"), r.body());
  }

  @Test
  void everyKindOfAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/api/1.2/", "/api/1.2/patches/", "/api/1.2/patches/999999/",
        "/project/openrisc/patch/p1@example.com/mbox/", "/nowhere/", "/project/openrisc/patch/p2@example.com/mbox/?series=x")) {
      HttpResponse<String> r = api.get(path);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
      assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(null), path);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), path);
    }
  }
}
