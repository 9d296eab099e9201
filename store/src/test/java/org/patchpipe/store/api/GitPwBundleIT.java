package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Interop with git-pw 2.8.1 (from {@code ../shared/clients}) against a running API server: all
 * nine {@code git pw bundle} commands with a token, each checked by its effect on the store, not by
 * git-pw's output alone: create, add, remove and update change the bundle's patches (in order),
 * name and visibility; show and list find it (by name, too); download gives one mbox with its
 * patches in the bundle's order, fetched with the token while the bundle is private; apply
 * {@code git am}s them into a scratch repository; delete removes it. Skipped where
 * {@code ../shared} or Debian's git-pw (which brings git-pw's Python libraries) is absent.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitPwBundleIT {
  private ApiFixture api;
  private Path gitPw;
  private InteropCommand commands;
  private Path scratch;

  @BeforeAll
  void start(TestDatabase db, @TempDir Path home) throws SQLException {
    scratch = home;
    gitPw = SharedFiles.resolve("clients/bin/git-pw").toAbsolutePath();
    Assumptions.assumeTrue(InteropCommand.onPath("git-pw") != null,
        "skipped: git-pw's Python libraries are not installed (apt-get install git-pw)");
    api = ApiFixture.start(db);
    commands = new InteropCommand(scratch, Map.of(
        "PW_SERVER", api.server.baseUrl() + "/api/1.2",
        "PW_PROJECT", "openrisc",
        "PW_TOKEN", ApiFixture.MAINTAINER_TOKEN));
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private String pw(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(gitPw.toString(), "bundle"));
    command.addAll(List.of(args));
    return commands.run(dir, command);
  }

  private JsonNode bundle(long id) throws Exception {
    var r = api.get("/api/1.2/bundles/" + id + "/", ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, r.statusCode(), r.body());
    return Json.mapper().readTree(r.body());
  }

  private List<Long> order(long bundleId) throws SQLException {
    return BundleApiTest.storedOrder(api, bundleId);
  }

  @Test
  void everyBundleCommand() throws Exception {
    pw(scratch, "create", "--private", "wip", "3");
    JsonNode found = Json.mapper().readTree(api.get("/api/1.2/bundles/?q=wip", ApiFixture.MAINTAINER_TOKEN).body());
    assertEquals(1, found.size());
    long id = found.get(0).get("id").asLong();
    String key = Long.toString(id);
    JsonNode created = bundle(id);
    assertFalse(created.get("public").asBoolean());
    assertEquals("maintainer", created.get("owner").get("username").asText());
    assertEquals(List.of(3L), order(id));
    assertEquals(404, api.get("/api/1.2/bundles/" + id + "/").statusCode(), "private: hidden from others");

    pw(scratch, "add", key, "1");
    assertEquals(List.of(1L, 3L), order(id), "git-pw sends the added patches first");
    pw(scratch, "remove", key, "3");
    assertEquals(List.of(1L), order(id));
    pw(scratch, "update", "--name", "ready", "--patch", "1", "--patch", "2", key);
    assertEquals("ready", bundle(id).get("name").asText());
    assertEquals(List.of(1L, 2L), order(id));
    assertFalse(bundle(id).get("public").asBoolean(), "update without --public/--private keeps it");

    Path mbox = scratch.resolve("ready.mbox");
    pw(scratch, "download", key, mbox.toString());
    String text = Files.readString(mbox);
    int first = text.indexOf("X-Patchwork-Id: 1\n");
    int second = text.indexOf("X-Patchwork-Id: 2\n");
    assertTrue(first > 0 && second > first, "the bundle's patches in its order: " + text);

    Path repo = commands.helloRepository("repo");
    pw(repo, "apply", key);
    assertEquals("hello\nworld\nagain\n", Files.readString(repo.resolve("hello.txt")));
    String log = commands.run(repo, List.of("git", "log", "--format=%an|%s", "-2"));
    assertEquals("Stafford Horne|or1k: Say it again\nStafford Horne|or1k: Add a world\n", log);

    pw(scratch, "update", "--public", key);
    assertTrue(bundle(id).get("public").asBoolean());
    assertEquals(200, api.get("/api/1.2/bundles/" + id + "/").statusCode(), "public: seen by all");
    String list = pw(scratch, "list", "--format", "csv");
    assertTrue(list.contains("\"" + id + "\",\"ready\",\"maintainer\",\"yes\""), list);
    String show = pw(scratch, "show", "ready");
    assertTrue(show.contains("[1/2] or1k: Add a world") && show.contains("[2/2] or1k: Say it again"), show);
    assertTrue(show.contains("/bundle/maintainer/ready/"), show);

    pw(scratch, "delete", key);
    assertEquals(404, api.get("/api/1.2/bundles/" + id + "/", ApiFixture.MAINTAINER_TOKEN).statusCode());
    assertEquals(List.of(), order(id));
  }
}
