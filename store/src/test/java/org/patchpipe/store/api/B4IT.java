package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Interop with Debian's {@code b4}: {@code b4 am -m LOCAL.mbox} with b4's Patchwork settings
 * ({@code b4.pw-url}, {@code b4.pw-key}, {@code b4.pw-project}, {@code b4.pw-review-state}, given
 * through git's environment so the token is on no command line) looks each patch up by Message-ID
 * ({@code GET /api/1.2/patches/?project=...&archived=false&msgid=...}) and sets its state with a
 * form {@code PATCH}. The test checks the states and the {@code patch-state-changed} events in
 * the store, because b4 reports Patchwork errors only in its debug log. Skipped where b4 is not
 * installed.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class B4IT {
  private ApiFixture api;
  private Path b4;
  private Path scratch;

  @BeforeAll
  void start(TestDatabase db, @TempDir Path home) throws SQLException {
    b4 = InteropCommand.onPath("b4");
    Assumptions.assumeTrue(b4 != null, "skipped: b4 is not installed (apt-get install b4)");
    scratch = home;
    api = ApiFixture.start(db);
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private String state(long patchId) throws Exception {
    return Json.mapper().readTree(api.get("/api/1.2/patches/" + patchId + "/").body()).get("state").asText();
  }

  @Test
  void amWithReviewStateMarksThePatchesUnderReview() throws Exception {
    assertEquals("new", state(1));
    assertEquals("new", state(2));
    String untouched = state(3);
    // The series as the store serves it is the local mailbox a maintainer would have saved.
    Path mbox = scratch.resolve("LOCAL.mbox");
    Files.writeString(mbox, api.get("/series/1/mbox/").body());
    Map<String, String> config = Map.of(
        "user.name", "Tester",
        "user.email", "tester@example.com",
        "b4.pw-url", api.server.baseUrl(),
        "b4.pw-key", ApiFixture.MAINTAINER_TOKEN,
        "b4.pw-project", "openrisc",
        "b4.pw-review-state", "under-review");
    InteropCommand commands = new InteropCommand(scratch, gitConfigEnvironment(config));
    Path out = Files.createDirectory(scratch.resolve("out"));
    commands.run(scratch, List.of(b4.toString(), "--no-interactive", "--no-stdin", "am", "-m", mbox.toString(),
        "-o", out.toString()));

    assertEquals("under-review", state(1));
    assertEquals("under-review", state(2));
    assertEquals(untouched, state(3), "a patch not in the mailbox keeps its state");
    JsonNode events = Json.mapper().readTree(
        api.get("/api/1.2/events/?category=patch-state-changed&project=openrisc").body());
    assertEquals(2, events.size(), events.toString());
    for (JsonNode event : events) {
      assertEquals("under-review", event.get("payload").get("current_state").asText());
      assertEquals("maintainer", event.get("actor").get("username").asText(), "b4 acted with the maintainer's key");
    }
    try (var files = Files.list(out)) {
      assertTrue(files.anyMatch(f -> f.toString().endsWith(".mbx")), "b4 wrote its am-ready mbox");
    }
  }

  /** git's {@code GIT_CONFIG_COUNT} variables, which every {@code git config} that b4 runs reads. */
  private static Map<String, String> gitConfigEnvironment(Map<String, String> config) {
    Map<String, String> env = new java.util.HashMap<>();
    int i = 0;
    for (var entry : config.entrySet()) {
      env.put("GIT_CONFIG_KEY_" + i, entry.getKey());
      env.put("GIT_CONFIG_VALUE_" + i, entry.getValue());
      i++;
    }
    env.put("GIT_CONFIG_COUNT", Integer.toString(i));
    return env;
  }
}
