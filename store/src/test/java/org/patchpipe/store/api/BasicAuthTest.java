package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * HTTP Basic as Patchwork's DRF settings answer it, against a real PostgreSQL: a good password
 * authenticates reads and writes; a wrong one, an unknown or inactive user and a user without a
 * password are 403 "Invalid username/password." and change nothing; malformed headers get DRF's
 * messages; an unknown username costs a password check like a known one.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasicAuthTest {
  private static final String PASSWORD = "s3cret \u00e9t\u00e9";
  private ApiFixture api;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    api = ApiFixture.start(db);
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      UserRepository users = new UserRepository(c, new SecureRandom());
      users.password("maintainer", PASSWORD);
      users.add("retired", "retired@example.com", null, null, PASSWORD, false);
      s.execute("UPDATE auth_user SET is_active = false WHERE username = 'retired'");
    }
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  private HttpResponse<String> patch(String authorization, String state) throws Exception {
    return api.sendAuthorized("PATCH", "/api/1.2/patches/2/", "{\"state\": \"" + state + "\"}", authorization);
  }

  private String state() throws Exception {
    return json(api.get("/api/1.2/patches/2/")).get("state").asText();
  }

  @Test
  void thePasswordIsStoredHashedOnly() throws Exception {
    try (Connection c = api.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT password FROM auth_user WHERE username = 'maintainer'")) {
      rs.next();
      String stored = rs.getString(1);
      assertTrue(stored.startsWith("argon2$argon2id$"), stored);
      assertFalse(stored.contains(PASSWORD));
    }
  }

  @Test
  void aGoodPasswordAuthenticatesAWrite() throws Exception {
    HttpResponse<String> r = patch(ApiFixture.basic("maintainer", PASSWORD), "under-review");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("under-review", state());
    HttpResponse<String> users = api.sendAuthorized("GET", "/api/1.2/users/", null, ApiFixture.basic("maintainer", PASSWORD));
    assertEquals(200, users.statusCode(), "users are listed only to the authenticated");
  }

  @Test
  void badCredentialsAre403AndChangeNothing() throws Exception {
    String before = state();
    for (String authorization : Arrays.asList(
        ApiFixture.basic("maintainer", "wrong"),
        ApiFixture.basic("maintainer", PASSWORD + " "),
        ApiFixture.basic("Maintainer", PASSWORD),
        ApiFixture.basic("nobody", PASSWORD),
        ApiFixture.basic("other", ""),
        ApiFixture.basic("retired", PASSWORD),
        "Basic !!!!")) {
      HttpResponse<String> r = patch(authorization, "rejected");
      assertEquals(403, r.statusCode(), authorization);
      assertEquals("{\"detail\":\"Invalid username/password.\"}", r.body(), authorization);
    }
    assertEquals(before, state());
    try (Connection c = api.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM event WHERE category = 'patch-state-changed'"
            + " AND current_state_id = (SELECT id FROM state WHERE slug = 'rejected')")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }

  @Test
  void malformedHeadersAnswerAsDrf() throws Exception {
    assertEquals("{\"detail\":\"Invalid basic header. No credentials provided.\"}",
        api.sendAuthorized("GET", "/api/1.2/patches/", null, "Basic").body());
    assertEquals("{\"detail\":\"Invalid basic header. Credentials string should not contain spaces.\"}",
        api.sendAuthorized("GET", "/api/1.2/patches/", null, "Basic YQ== YQ==").body());
    HttpResponse<String> r = api.sendAuthorized("GET", "/api/1.2/patches/", null, "basic YWJj");
    assertEquals(403, r.statusCode(), "the scheme is case-insensitive; 'abc' has no colon: user 'abc'");
    assertEquals("{\"detail\":\"Invalid username/password.\"}", r.body());
    HttpResponse<String> padding = api.sendAuthorized("GET", "/api/1.2/patches/", null, "Basic YWJ");
    assertEquals(403, padding.statusCode());
    assertEquals("{\"detail\":\"Invalid basic header. Credentials not correctly base64 encoded.\"}", padding.body());
  }

  @Test
  void anUnknownUserCostsAPasswordCheckToo() throws Exception {
    // Timed in turns and compared by their fastest answers: load on the machine only ever adds time,
    // so the minimum of each is what the server itself spends, whatever else runs beside the test.
    long known = Long.MAX_VALUE;
    long unknown = Long.MAX_VALUE;
    long anonymous = Long.MAX_VALUE;
    for (int i = 0; i < 9; i++) {
      known = Math.min(known, micros(ApiFixture.basic("maintainer", "wrong"), 403));
      unknown = Math.min(unknown, micros(ApiFixture.basic("no-such-user", "wrong"), 403));
      anonymous = Math.min(anonymous, micros(null, 200));
    }
    // An Argon2id check is tens of milliseconds; a request without one is a few. The unknown user's
    // answer must not be the fast one.
    assertTrue(unknown * 2 > known, "unknown " + unknown + " µs, known " + known + " µs");
    assertTrue(known > anonymous * 2, "known " + known + " µs, anonymous " + anonymous + " µs");
  }

  private long micros(String authorization, int status) throws Exception {
    long start = System.nanoTime();
    assertEquals(status, api.sendAuthorized("GET", "/api/1.2/projects/", null, authorization).statusCode());
    return (System.nanoTime() - start) / 1000;
  }
}
