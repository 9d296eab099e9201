package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Interop with pwclient (the unmodified copy in {@code ../shared/clients}) against a running API
 * server, once with its default XML-RPC backend ({@code /xmlrpc/}) and once with its REST backend:
 * {@code list}, {@code info}, {@code view}, {@code get}, {@code projects}, {@code states},
 * {@code update} of state, archived and commit ref, {@code check-create}, {@code check-list} and
 * {@code check-get}, each write checked afterwards through the REST API. pwclient authenticates
 * with a username and password (HTTP Basic) written to its config file, never on a command line.
 * Skipped where {@code ../shared} or {@code /usr/bin/python3} (which pwclient's launcher runs) is
 * absent.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PwclientIT {
  private static final String PASSWORD = "pw client pass";
  private ApiFixture api;
  private Path pwclient;
  @TempDir Path scratch;

  /** pwclient's two backends, and the URL each is configured with. */
  enum Backend {
    XMLRPC("/xmlrpc/"),
    REST("/api/1.2");

    final String path;

    Backend(String path) {
      this.path = path;
    }

    String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What one run printed. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    pwclient = SharedFiles.resolve("clients/bin/pwclient");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")),
        "skipped: pwclient runs on /usr/bin/python3, which is absent");
    api = ApiFixture.start(db);
    try (Connection c = api.connect()) {
      new UserRepository(c, new SecureRandom()).password("maintainer", PASSWORD);
    }
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** Runs pwclient in a directory of its own per backend, with a config for {@code password}. */
  private Run pw(Backend backend, String password, String... args) throws Exception {
    Path dir = Files.createDirectories(scratch.resolve(backend.configName()));
    Path rc = dir.resolve("pwclientrc");
    Files.writeString(rc, "[options]\ndefault = openrisc\n\n[openrisc]\n"
        + "backend = " + backend.configName() + "\n"
        + "url = " + api.server.baseUrl() + backend.path + "\n"
        + "username = maintainer\npassword = " + password + "\n");
    List<String> command = new ArrayList<>(List.of(pwclient.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("PWCLIENTRC", rc.toString());
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    for (String proxy : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "PAGER")) {
      pb.environment().remove(proxy);
    }
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: pwclient " + String.join(" ", args));
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  /** Runs pwclient with the right password; fails on a non-zero exit; returns stdout. */
  private String ok(Backend backend, String... args) throws Exception {
    Run run = pw(backend, PASSWORD, args);
    assertEquals(0, run.exit(), backend + " pwclient " + String.join(" ", args) + "\nstdout: " + run.out()
        + "\nstderr: " + run.err());
    return run.out();
  }

  private JsonNode rest(String path) throws Exception {
    return Json.mapper().readTree(api.get(path).body());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void listInfoViewGetAndProjects(Backend backend) throws Exception {
    String list = ok(backend, "list");
    assertTrue(list.startsWith("ID      State        Name\n--      -----        ----\n"), list);
    assertTrue(list.contains("[1/2] or1k: Add a world") && list.contains("[RFC] Other idea"), list);
    assertTrue(!list.contains("Slashed"), "only the default project's patches: " + list);
    String bySubmitter = ok(backend, "list", "-w", "shorne@gmail.com");
    assertTrue(bySubmitter.startsWith("Patches submitted by Stafford Horne <shorne@gmail.com>:\n"), bySubmitter);
    assertTrue(bySubmitter.contains("[2/2] or1k: Say it again") && !bySubmitter.contains("[RFC] Other idea"), bySubmitter);

    String info = ok(backend, "info", "1");
    assertTrue(info.startsWith("Information for patch id 1\n"), info);
    assertTrue(info.contains("- msgid         : <p1@example.com>\n"), info);
    assertTrue(info.contains("- submitter     : Stafford Horne <shorne@gmail.com>\n"), info);
    assertTrue(info.contains("- hash          : aed4835e939b61a32be68b4b09d8175532fcfd40\n"), info);

    String mbox = api.get("/project/openrisc/patch/p1@example.com/mbox/").body();
    assertTrue(ok(backend, "view", "1").contains(mbox.strip()), "view prints the patch's mbox");
    String saved = ok(backend, "get", "1");
    assertEquals("Saved patch to 1-2-or1k-Add-a-world.patch\n", saved);
    assertEquals(mbox, Files.readString(scratch.resolve(backend.configName()).resolve("1-2-or1k-Add-a-world.patch")));

    String projects = ok(backend, "projects");
    assertTrue(projects.contains("openrisc") && projects.contains("linux-efi"), projects);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void statesThroughXmlRpcOnly(Backend backend) throws Exception {
    if (backend == Backend.XMLRPC) {
      String states = ok(backend, "states");
      assertTrue(states.contains("1     New\n") && states.contains("7     Changes Requested\n"), states);
    } else {
      Run run = pw(backend, PASSWORD, "states");
      assertNotEquals(0, run.exit(), "pwclient's REST backend has no states: " + run.out());
      assertTrue(run.err().contains("The REST API does not expose state objects"), run.err());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void updateChangesStateArchivedAndCommitRef(Backend backend) throws Exception {
    long patch = backend == Backend.XMLRPC ? 2 : 3;
    Run refused = pw(backend, "not the password", "update", "-s", "Accepted", Long.toString(patch));
    assertNotEquals(0, refused.exit());
    assertTrue(refused.err().contains("Invalid username/password"), refused.err());
    String before = rest("/api/1.2/patches/" + patch + "/").get("state").asText();
    assertNotEquals("changes-requested", before);

    ok(backend, "update", "-s", "Changes Requested", "-a", "yes", "-c", "deadbeef" + patch, Long.toString(patch));
    JsonNode after = rest("/api/1.2/patches/" + patch + "/");
    assertEquals("changes-requested", after.get("state").asText());
    assertTrue(after.get("archived").asBoolean());
    assertEquals("deadbeef" + patch, after.get("commit_ref").asText());
    JsonNode events = rest("/api/1.2/events/?patch=" + patch + "&category=patch-state-changed");
    assertEquals(1, events.size(), events.toString());
    assertEquals("maintainer", events.get(0).get("actor").get("username").asText());
    assertEquals(before, events.get(0).get("payload").get("previous_state").asText());

    ok(backend, "update", "-a", "no", Long.toString(patch));
    assertTrue(!rest("/api/1.2/patches/" + patch + "/").get("archived").asBoolean());
    assertTrue(ok(backend, "info", Long.toString(patch)).contains("- commit_ref    : deadbeef" + patch + "\n"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void checkCreateListAndGet(Backend backend) throws Exception {
    String context = backend.configName() + "-ci";
    ok(backend, "check-create", "-c", context, "-s", "warning", "-u", "https://ci.example.com/" + context,
        "-d", "slow but fine", "1");
    JsonNode checks = rest("/api/1.2/patches/1/checks/");
    JsonNode created = null;
    for (JsonNode check : checks) {
      if (check.get("context").asText().equals(context)) {
        created = check;
      }
    }
    assertTrue(created != null, "the check exists: " + checks);
    assertEquals("warning", created.get("state").asText());
    assertEquals("https://ci.example.com/" + context, created.get("target_url").asText());
    assertEquals("slow but fine", created.get("description").asText());
    assertEquals("maintainer", created.get("user").get("username").asText());

    String list = ok(backend, "check-list", "1");
    assertTrue(list.contains(context) && list.contains("warning") && list.contains("[1/2] or1k: Add a world"), list);
    String get = ok(backend, "check-get", "1");
    assertTrue(get.startsWith("Check information for patch id 1\n"), get);
    assertTrue(get.contains("- context       : " + context + "\n"), get);
    String info = ok(backend, "check-info", "1", created.get("id").asText());
    assertTrue(info.contains("- description   : slow but fine\n"), info);
  }
}
