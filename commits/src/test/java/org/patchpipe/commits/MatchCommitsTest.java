package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real repository built with JGit: seven patches are written on a branch, rendered as
 * format-patch mails and ingested through the parser and series tracker into the real embedded
 * PostgreSQL; then master applies some unchanged, one onto moved line numbers, one with its
 * whitespace fixed, two edited with Link trailers, one onto changed context, and leaves one out.
 * Every match and non-match is checked, then idempotency, the cursor and concurrent runs.
 */
@ExtendWith(SharedPostgres.class)
class MatchCommitsTest {
  private static final int FILES = 7;

  private final TestDatabase db;
  @TempDir Path tmp;
  private TestGit repo;
  private final Map<Integer, String> msgids = new LinkedHashMap<>();
  private final Map<String, String> masterCommits = new LinkedHashMap<>();

  MatchCommitsTest(TestDatabase db) throws SQLException {
    this.db = db;
    try (Connection c = db.connect()) {
      Schema.migrate(c);
    }
  }

  private static String file(int n) {
    return "src/p" + n + ".c";
  }

  /** The base tree, the seven patches on branch dev, their mails; master checked out again. */
  private List<byte[]> buildRepositoryAndMails(String listTag) throws Exception {
    repo = new TestGit(tmp.resolve("repo-" + listTag));
    for (int n = 1; n <= FILES; n++) {
      repo.write(file(n), TestGit.lines(1, 60));
    }
    repo.write("other.c", "other\n").commit("base");
    repo.git().branchCreate().setName("dev").call();
    repo.git().checkout().setName("dev").call();
    List<RevCommit> patches = new ArrayList<>();
    patches.add(repo.write(file(1), replace(1, 5, "five")).commit("p1: five\n\nSet line five."));
    patches.add(repo.write(file(2), replace(2, 30, "thirty")).commit("p2: thirty"));
    patches.add(repo.write(file(3), TestGit.lines(1, 20) + "added with trailing space   \n" + TestGit.lines(21, 60))
        .commit("p3: add a line"));
    patches.add(repo.write(file(4), replace(4, 10, "ten")).commit("p4: ten"));
    patches.add(repo.write(file(5), replace(5, 10, "ten")).commit("p5: ten"));
    patches.add(repo.write(file(6), replace(6, 30, "thirty")).commit("p6: thirty"));
    patches.add(repo.write(file(7), replace(7, 3, "three")).commit("p7: three"));
    BranchHistory history = new BranchHistory(repo.git().getRepository());
    List<byte[]> mails = new ArrayList<>();
    String cover = "<20231114221320.0-" + listTag + "@example.com>";
    for (int i = 0; i < patches.size(); i++) {
      int n = i + 1;
      String msgid = "<20231114221320." + n + "-" + listTag + "@example.com>";
      msgids.put(n, msgid);
      mails.add(FormatPatchMail.render(patches.get(i), history.diff(patches.get(i)), msgid,
          "PATCH " + n + "/" + FILES, List.of(cover)));
    }
    repo.git().checkout().setName("master").call();
    return mails;
  }

  private static String replace(int n, int line, String text) {
    return TestGit.lines(1, line - 1) + text + "\n" + TestGit.lines(line + 1, 60);
  }

  /** What the maintainer does on master. */
  private void applyOnMaster() {
    masterCommits.put("p1 unchanged", repo.write(file(1), replace(1, 5, "five")).commit("p1: five\n\nSet line five.").name());
    masterCommits.put("p2 context moves down", repo.write(file(2), TestGit.lines(61, 70) + TestGit.lines(1, 60))
        .commit("unrelated: ten lines on top of p2.c").name());
    masterCommits.put("p2 onto moved lines", repo.write(file(2), TestGit.lines(61, 70) + replace(2, 30, "thirty"))
        .commit("p2: thirty").name());
    masterCommits.put("p3 whitespace fixed", repo.write(file(3),
        TestGit.lines(1, 20) + "added with trailing space\n" + TestGit.lines(21, 60)).commit("p3: add a line").name());
    masterCommits.put("p4 edited, lore link", repo.write(file(4), replace(4, 10, "TEN, edited by the maintainer"))
        .commit("p4: ten\n\nLink: https://lore.kernel.org/r/" + bare(msgids.get(4)) + "\n").name());
    masterCommits.put("p5 edited, msgid link", repo.write(file(5), replace(5, 10, "ten (fixed)"))
        .commit("p5: ten\n\nLink: https://patch.msgid.link/" + bare(msgids.get(5)) + "\n").name());
    masterCommits.put("p6 context changed", repo.write(file(6), replace(6, 31, "thirty-one changed"))
        .commit("unrelated: change line 31 of p6.c").name());
    masterCommits.put("p6 onto changed context", repo.write(file(6),
        TestGit.lines(1, 29) + "thirty\nthirty-one changed\n" + TestGit.lines(32, 60)).commit("p6: thirty").name());
    masterCommits.put("unknown link", repo.write("other.c", "other changed\n")
        .commit("other: change\n\nLink: https://lore.kernel.org/r/not-a-patch@example.com\n").name());
  }

  private static String bare(String msgid) {
    return msgid.substring(1, msgid.length() - 1);
  }

  private MatchCommits.Summary match(Connection c, String project) throws SQLException {
    return new MatchCommits(c, repo.git().getRepository())
        .run(new MatchCommits.Request(project, repo.dir().toString(), "master", "accepted"));
  }

  @Test
  void matchesEveryAppliedPatchAndNoOther() throws Exception {
    List<byte[]> mails = buildRepositoryAndMails("a");
    try (Connection c = db.connect()) {
      long project = TestIngest.ingest(c, "a.example.org", mails);
      assertEquals(FILES, count(c, "SELECT count(*) FROM patch WHERE project_id = " + project + " AND hash IS NOT NULL"));
      applyOnMaster();

      MatchCommits.Summary first = match(c, "a");
      assertEquals(1 + masterCommits.size(), first.commits(), "the base commit and every master commit");
      assertEquals(FILES, first.patchIdsFilled());
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put(msgids.get(1), masterCommits.get("p1 unchanged") + " HASH");
      expected.put(msgids.get(2), masterCommits.get("p2 onto moved lines") + " HASH");
      expected.put(msgids.get(3), masterCommits.get("p3 whitespace fixed") + " PATCH_ID");
      expected.put(msgids.get(4), masterCommits.get("p4 edited, lore link") + " TRAILER");
      expected.put(msgids.get(5), masterCommits.get("p5 edited, msgid link") + " TRAILER");
      assertEquals(expected, applied(c, first.matches()));
      // p6 went onto changed context (git's patch-id changes too) and p7 was never applied.
      assertEquals(Map.of(msgids.get(6), "new|null", msgids.get(7), "new|null"), unmatched(c, project));
      assertEquals(5, count(c, "SELECT count(*) FROM event WHERE category = 'patch-state-changed'"
          + " AND previous_state_id = 1 AND current_state_id = 3 AND project_id = " + project));
      for (int n = 1; n <= 5; n++) {
        assertEquals("accepted", state(c, msgids.get(n)));
      }

      MatchCommits.Summary again = match(c, "a");
      assertEquals(0, again.commits(), "nothing new on the branch");
      assertEquals(List.of(), again.matches());
      assertEquals(5, count(c, "SELECT count(*) FROM event WHERE category = 'patch-state-changed' AND project_id = " + project));

      String p7 = repo.write(file(7), replace(7, 3, "three")).commit("p7: three").name();
      MatchCommits.Summary later = match(c, "a");
      assertEquals(1, later.commits(), "only the commit since the last run");
      assertEquals(Map.of(msgids.get(7), p7 + " HASH"), applied(c, later.matches()));
      assertEquals(p7, later.tip());
    }
  }

  @Test
  void concurrentRunsApplyEachMatchOnce() throws Exception {
    List<byte[]> mails = buildRepositoryAndMails("b");
    long project;
    try (Connection c = db.connect()) {
      project = TestIngest.ingest(c, "b.example.org", mails);
    }
    applyOnMaster();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<MatchCommits.Summary>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<MatchCommits.Summary> run = () -> {
          try (Connection c = db.connect()) {
            return match(c, "b");
          }
        };
        runs.add(pool.submit(run));
      }
      int applied = 0;
      for (Future<MatchCommits.Summary> run : runs) {
        applied += run.get().matches().size();
      }
      assertEquals(5, applied, "five patches matched in all, by one run or the other");
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = db.connect()) {
      assertEquals(5, count(c, "SELECT count(*) FROM event WHERE category = 'patch-state-changed' AND project_id = " + project));
    }
  }

  @Test
  void unknownProjectBranchOrStateSayWhatToDo() throws Exception {
    buildRepositoryAndMails("c");
    try (Connection c = db.connect()) {
      CommitMatchException project = org.junit.jupiter.api.Assertions.assertThrows(CommitMatchException.class,
          () -> match(c, "no-such-project"));
      assertEquals("no project 'no-such-project': pass a project id or link name", project.getMessage());
      TestIngest.ingest(c, "c.example.org", List.of());
      CommitMatchException branch = org.junit.jupiter.api.Assertions.assertThrows(CommitMatchException.class,
          () -> new MatchCommits(c, repo.git().getRepository())
              .run(new MatchCommits.Request("c", "r", "no-such-branch", "accepted")));
      org.junit.jupiter.api.Assertions.assertTrue(branch.getMessage().startsWith("branch 'no-such-branch' is not in"));
      CommitMatchException state = org.junit.jupiter.api.Assertions.assertThrows(CommitMatchException.class,
          () -> new MatchCommits(c, repo.git().getRepository())
              .run(new MatchCommits.Request("c", "r", "master", "merged")));
      assertEquals("no state 'merged': use a slug such as accepted or superseded", state.getMessage());
    }
  }

  /** msgid to "commit REASON" for each match. */
  private static Map<String, String> applied(Connection c, List<PatchMatch> matches) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (PatchMatch m : matches) {
      try (PreparedStatement q = c.prepareStatement("SELECT msgid, commit_ref FROM patch WHERE id = ?")) {
        q.setLong(1, m.patchId());
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          assertEquals(m.commitId(), rs.getString(2), "commit_ref stored");
          out.put(rs.getString(1), m.commitId() + " " + m.reason());
        }
      }
    }
    return out;
  }

  private static Map<String, String> unmatched(Connection c, long project) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement("SELECT p.msgid, s.slug, p.commit_ref FROM patch p"
        + " JOIN state s ON s.id = p.state_id WHERE p.project_id = ? AND p.commit_ref IS NULL ORDER BY p.id")) {
      q.setLong(1, project);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3));
        }
      }
    }
    return out;
  }

  private static String state(Connection c, String msgid) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT s.slug FROM patch p JOIN state s ON s.id = p.state_id WHERE p.msgid = ?")) {
      q.setString(1, msgid);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @BeforeEach
  void reset() {
    msgids.clear();
    masterCommits.clear();
  }
}
