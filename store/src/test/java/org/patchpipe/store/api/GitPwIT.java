package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Interop with Debian's {@code git-pw} against a running API server: patch list, show and update
 * (state), series list, show and download, and {@code git am} of the downloaded series in a
 * scratch repository. Skipped only where the {@code git-pw} binary is absent.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitPwIT {
  private ApiFixture api;
  private Path gitPw;
  @TempDir Path scratch;

  @BeforeAll
  void start(TestDatabase db) throws SQLException {
    gitPw = onPath("git-pw");
    Assumptions.assumeTrue(gitPw != null, "skipped: git-pw is not installed (apt-get install git-pw)");
    api = ApiFixture.start(db);
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs a command in {@code dir}; returns stdout, failing on a non-zero exit. */
  private String run(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("HOME", scratch.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().put("GIT_AUTHOR_NAME", "Tester");
    pb.environment().put("GIT_AUTHOR_EMAIL", "tester@example.com");
    pb.environment().put("GIT_COMMITTER_NAME", "Tester");
    pb.environment().put("GIT_COMMITTER_EMAIL", "tester@example.com");
    Path err = Files.createTempFile(scratch, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\nstdout: " + out + "\nstderr: " + Files.readString(err));
    return out;
  }

  private String pw(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(gitPw.toString(),
        "--server", api.server.baseUrl() + "/api/1.2", "--project", "openrisc", "--token", ApiFixture.MAINTAINER_TOKEN));
    command.addAll(List.of(args));
    return run(scratch, command.toArray(String[]::new));
  }

  @Test
  void patchListShowAndUpdate() throws Exception {
    String list = pw("patch", "list", "--format", "csv");
    assertTrue(list.contains("\"1\"") && list.contains("or1k: Add a world"), list);
    assertTrue(list.contains("or1k: Say it again"), list);
    String show = pw("patch", "show", "1");
    assertTrue(show.contains("<p1@example.com>") && show.contains("Stafford Horne"), show);
    pw("patch", "update", "--state", "changes-requested", "2");
    assertTrue(api.get("/api/1.2/patches/2/").body().contains("\"state\":\"changes-requested\""));
    String after = pw("patch", "show", "2");
    assertTrue(after.contains("changes-requested"), after);
  }

  @Test
  void seriesListShowDownloadAndGitAm() throws Exception {
    String list = pw("series", "list", "--format", "csv");
    assertTrue(list.contains("Add a world"), list);
    String show = pw("series", "show", "1");
    assertTrue(show.contains("[0/2] Add a world") && show.contains("[2/2] or1k: Say it again"), show);

    Path repo = Files.createDirectory(scratch.resolve("repo"));
    run(repo, "git", "init", "-q");
    Files.writeString(repo.resolve("hello.txt"), "hello\n");
    run(repo, "git", "add", "hello.txt");
    run(repo, "git", "commit", "-q", "-m", "start");
    Path mbox = scratch.resolve("series.mbox");
    pw("series", "download", "1", mbox.toString());
    assertTrue(Files.size(mbox) > 0);
    run(repo, "git", "am", "-q", mbox.toString());
    assertEquals("hello\nworld\nagain\n", Files.readString(repo.resolve("hello.txt")));
    String log = run(repo, "git", "log", "--format=%an <%ae>|%s|%b", "-2");
    assertTrue(log.contains("Stafford Horne <shorne@gmail.com>|or1k: Say it again"), log);
    assertTrue(log.contains("Acked-by: Bernhard Reutner-Fischer <rep.dot.nop@gmail.com>"),
        "the comment's Acked-by travels with the patch: " + log);
  }
}
