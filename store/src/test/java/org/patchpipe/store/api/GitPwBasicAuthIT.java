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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * git-pw 2.8.1 (the unmodified copy in {@code ../shared/clients}) authenticating with
 * {@code pw.username} and {@code pw.password} from git config, that is HTTP Basic: a state change
 * by a maintainer lands with the maintainer as the event's actor; a wrong password is refused with
 * Patchwork's message and changes nothing. The password is written to the scratch home's git
 * config file, never put on a command line. Skipped where {@code ../shared} or Debian's git-pw
 * (whose Python dependencies the copy runs on) is absent.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitPwBasicAuthIT {
  private static final String PASSWORD = "correct horse battery";
  private ApiFixture api;
  private Path gitPw;
  @TempDir Path home;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    gitPw = SharedFiles.resolve("clients/bin/git-pw");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git-pw")),
        "skipped: git-pw 2.8.1 runs on Debian's git-pw dependencies (apt-get install git-pw)");
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

  private void configure(String password) throws Exception {
    Files.writeString(home.resolve(".gitconfig"), "[pw]\n"
        + "\tserver = " + api.server.baseUrl() + "/api/1.2\n"
        + "\tproject = openrisc\n"
        + "\tusername = maintainer\n"
        + "\tpassword = " + password + "\n");
  }

  /** Runs git-pw in the scratch home; returns exit code, stdout and stderr. */
  private String[] pw(String... args) throws Exception {
    // Through sh: the shared copy may be laid out without its execute bits.
    String[] command = new String[args.length + 2];
    command[0] = "/bin/sh";
    command[1] = gitPw.toAbsolutePath().toString();
    System.arraycopy(args, 0, command, 2, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().remove("GIT_CONFIG_GLOBAL");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    return new String[] {Integer.toString(p.exitValue()), out, Files.readString(err)};
  }

  @Test
  void usernameAndPasswordChangeAState() throws Exception {
    configure(PASSWORD);
    String[] update = pw("patch", "update", "--state", "accepted", "1");
    assertEquals("0", update[0], update[1] + update[2]);
    String[] show = pw("patch", "show", "1");
    assertTrue(show[1].contains("accepted"), show[1]);
    JsonNode events = Json.mapper().readTree(
        api.get("/api/1.2/events/?patch=1&category=patch-state-changed").body());
    assertEquals(1, events.size());
    assertEquals("maintainer", events.get(0).get("actor").get("username").asText());
  }

  @Test
  void aWrongPasswordIsRefusedAndChangesNothing() throws Exception {
    configure("not the password");
    String[] update = pw("patch", "update", "--state", "rejected", "2");
    assertNotEquals("0", update[0]);
    assertTrue(update[2].contains("Invalid username/password."), update[2]);
    assertTrue(api.get("/api/1.2/patches/2/").body().contains("\"state\":\"new\""));
  }
}
