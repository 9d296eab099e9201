package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Interop with git-pw 2.8.1 ({@code ../shared/clients/bin/git-pw}) for API 1.4's dependencies:
 * two one-patch series arrive, the second saying {@code Depends-on:} the first's Message-ID and
 * changing what the first adds, and {@code git-pw series apply --deps} of the second applies the
 * first, then the second, with {@code git am} in a scratch repository (without the dependency the
 * second does not apply). Skipped where {@code ../shared} (with its clients) is absent.
 */
@ExtendWith(SharedPostgres.class)
class GitPwSeriesDepsIT {
  @TempDir Path scratch;

  @Test
  void seriesApplyWithDepsAppliesTheDependencyFirst(TestDatabase db) throws Exception {
    Path gitPw = SharedFiles.resolve("clients/bin/git-pw");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "skipped: git-pw needs /usr/bin/python3");
    try (Connection c = db.connect()) {
      CorpusLoader.load(c, List.of(
          mail("<world@example.com>", "[PATCH] hello: add a world", "Adds a world.\n", ApiFixture.DIFF_1),
          mail("<again@example.com>", "[PATCH] hello: say it again",
              "Says it again.\n\nDepends-on: <world@example.com>\n", ApiFixture.DIFF_2)),
          "test.example.com");
      try (Statement s = c.createStatement()) {
        s.execute("UPDATE project SET show_dependencies = true");
      }
    }
    try (ApiFixture api = ApiFixture.over(db)) {
      Path repo = Files.createDirectory(scratch.resolve("repo"));
      run(repo, "git", "init", "-q");
      Files.writeString(repo.resolve("hello.txt"), "hello\n");
      run(repo, "git", "add", "hello.txt");
      run(repo, "git", "commit", "-q", "-m", "start");

      run(repo, gitPw.toAbsolutePath().toString(), "--server", api.url("/api/1.4"), "--project", "test",
          "series", "apply", "2", "--deps");

      assertEquals(List.of("hello: say it again", "hello: add a world", "start"),
          run(repo, "git", "log", "--format=%s").lines().toList(), "series 1 (the dependency) first, then 2");
      assertEquals("hello\nworld\nagain\n", Files.readString(repo.resolve("hello.txt")));
    }
  }

  /** A one-patch series mail by one author; the dependency is dated five minutes before its dependent. */
  private static byte[] mail(String msgid, String subject, String message, String diff) {
    String text = "From: Ada Tester <ada@example.com>\n"
        + "To: test@example.com\n"
        + "List-Id: <test.example.com>\n"
        + "Subject: " + subject + "\n"
        + "Date: Mon, 1 Jul 2024 10:0" + (msgid.startsWith("<world") ? 0 : 5) + ":00 +0000\n"
        + "Message-Id: " + msgid + "\n"
        + "Content-Type: text/plain; charset=\"utf-8\"\n"
        + "\n"
        + message + "\nSigned-off-by: Ada Tester <ada@example.com>\n---\n" + diff;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs a command in {@code dir} with a scratch HOME; returns stdout, failing on a non-zero exit. */
  private String run(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("HOME", scratch.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    for (String who : List.of("AUTHOR", "COMMITTER")) {
      pb.environment().put("GIT_" + who + "_NAME", "Tester");
      pb.environment().put("GIT_" + who + "_EMAIL", "tester@example.com");
    }
    Path err = Files.createTempFile(scratch, "stderr", ".txt");
    Process p = pb.redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command) + "\nstdout: " + out + "\nstderr: " + Files.readString(err));
    return out;
  }
}
