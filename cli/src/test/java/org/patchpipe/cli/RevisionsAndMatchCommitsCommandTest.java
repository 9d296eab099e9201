package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;
import picocli.CommandLine;

/**
 * {@code patchpipe revisions report}, {@code revisions link} and {@code match-commits} end to end:
 * a small mbox fixture, a real JGit repository and a real embedded PostgreSQL by {@code --db}.
 */
class RevisionsAndMatchCommitsCommandTest {
  @TempDir static Path tmp;
  private static EmbeddedPostgres pg;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = EmbeddedPostgres.start(new PostgresConfig(tmp.resolve("pg"), 0, "patchpipe", false,
        PostgresConfig.defaultBinariesCache()));
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
      Schema.migrate(c);
      new ProjectRepository(c).findOrCreate("demo.lists.example.org");
    }
  }

  @AfterAll
  static void stopDatabase() {
    if (pg != null) {
      pg.close();
    }
  }

  private static Run run(String... args) {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void reportListsTheLinksOfAnArchive() throws Exception {
    Path mbox = Path.of(getClass().getResource("/revisions/demo.mbox").toURI());
    Run run = run("revisions", "report", mbox.toString());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals("demo.mbox: 4 series, 2 linked to an earlier version (thread 1, version 1)", lines[0]);
    assertTrue(lines[1].matches(" 1\\. \\[version\\] series 3 v2 2024-01-03 <ann@example.org> \\[v2\\] demo: do the thing"), lines[1]);
    assertTrue(lines[2].contains("replaces series 1 v1 2024-01-01 <ann@example.org> demo: do the thing"), lines[2]);
    assertTrue(lines[3].matches(" 2\\. \\[thread\\] series 4 v3 .*"), lines[3]);
  }

  @Test
  void matchCommitsWalksTheBranchAndRemembersWhereItStopped() throws Exception {
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call()) {
      java.nio.file.Files.writeString(repo.resolve("f.c"), "a\nb\nd\n");
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("A", "a@example.org", Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
      git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
      git.branchCreate().setName("topic").call();
      git.branchCreate().setName("topic2").call();
    }
    String[] common = {"--repo", repo.toString(), "--branch", "master", "--project", "demo", "--db", pg.jdbcUrl(),
        "--db-user", pg.user()};
    Run first = run(concat("match-commits", common));
    assertEquals(ExitCodes.OK, first.exit(), first.err());
    assertTrue(first.out().matches("1 commits walked up to [0-9a-f]{12}, 0 patches marked accepted \\(hash 0, patch-id 0, trailer 0\\)\n"),
        first.out());
    Run again = run(concat("match-commits", common));
    assertTrue(again.out().startsWith("0 commits walked"), again.out());
    Run fromTip = run("match-commits", "--repo", repo.toString(), "--branch", "topic", "--project", "demo",
        "--start", "master", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertTrue(fromTip.out().startsWith("0 commits walked"), "a new branch started at its tip: " + fromTip.out());
    Run badStart = run("match-commits", "--repo", repo.resolve(".git").toString(), "--branch", "topic2",
        "--project", "demo", "--start", "v9.9", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(ExitCodes.USAGE, badStart.exit(), badStart.out());
    assertTrue(badStart.err().startsWith("patchpipe: no commit 'v9.9' in "), badStart.err());
    Run link = run("revisions", "link", "--project", "demo", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(ExitCodes.OK, link.exit(), link.err());
    assertEquals("0 series, 0 newly linked, 0 patches superseded\n", link.out());
  }

  @Test
  void userErrorsAreOneLine() throws Exception {
    Run project = run("revisions", "link", "--project", "nope", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(ExitCodes.USAGE, project.exit());
    assertEquals("patchpipe: no project 'nope': pass a project id or link name\n", project.err());
    Run repo = run("match-commits", "--repo", tmp.resolve("missing").toString(), "--branch", "master",
        "--project", "demo", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(ExitCodes.USAGE, repo.exit());
    assertTrue(repo.err().startsWith("patchpipe: ") && repo.err().contains("is not a git repository"), repo.err());
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
