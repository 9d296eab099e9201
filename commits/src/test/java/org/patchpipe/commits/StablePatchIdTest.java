package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StablePatchId} against the real {@code git patch-id --stable} on real commits. */
class StablePatchIdTest {
  @TempDir Path tmp;

  @Test
  void equalsGitPatchIdStableOnRealCommits() throws Exception {
    Assumptions.assumeTrue(gitAvailable(), "skipped: no git binary on PATH to compare with");
    try (TestGit repo = new TestGit(tmp.resolve("repo"))) {
      List<RevCommit> commits = List.of(
          repo.write("a.txt", TestGit.lines(1, 40)).write("dir/b.c", "int main(void)\n{\n\treturn 0;\n}\n")
              .commit("root commit adds two files"),
          repo.write("a.txt", TestGit.lines(1, 9) + "changed 10\n" + TestGit.lines(11, 30) + "new\n"
              + TestGit.lines(31, 40)).commit("two hunks in one file"),
          repo.write("dir/b.c", "int main(void)\n{\n\treturn 1;\n}\n").write("z.txt", "zed\n")
              .write("a.txt", "first\n" + TestGit.lines(1, 9) + "changed 10\n" + TestGit.lines(11, 40))
              .commit("three files, one new"),
          repo.write("dir/b.c", "int main(void)\n{\n\treturn 1;\n}").commit("no newline at end of file"),
          repo.write("a.txt", "   spaced\tline\n" + TestGit.lines(2, 40)).commit("whitespace"));
      BranchHistory history = new BranchHistory(repo.git().getRepository());
      for (RevCommit commit : commits) {
        String formatPatch = run(repo.dir(), null, "git", "format-patch", "-1", "--stdout", commit.name());
        String gitId = run(repo.dir(), formatPatch, "git", "patch-id", "--stable").split(" ")[0];
        assertEquals(gitId, StablePatchId.of(formatPatch).orElseThrow(), "format-patch of " + commit.getShortMessage());
        assertEquals(gitId, StablePatchId.of(history.diff(commit)).orElseThrow(), "JGit diff of " + commit.getShortMessage());
        // The diff JGit renders hashes as the one git format-patch mails (from "diff --git" to the signature).
        String mailed = formatPatch.substring(formatPatch.indexOf("diff --git"), formatPatch.lastIndexOf("\n-- \n") + 1);
        assertEquals(org.patchpipe.parser.diff.PatchworkHash.hash(mailed),
            org.patchpipe.parser.diff.PatchworkHash.hash(history.diff(commit)), "Patchwork hash of " + commit.getShortMessage());
      }
    }
  }

  @Test
  void survivesMovedLineNumbersAndWhitespaceButNotChangedContext() {
    String diff = "diff --git a/f b/f\nindex 1..2 100644\n--- a/f\n+++ b/f\n@@ -10,3 +10,3 @@ fn\n a\n-b\n+c\n d\n";
    String moved = diff.replace("@@ -10,3 +10,3 @@ fn", "@@ -52,3 +57,3 @@ other");
    String spaced = diff.replace("+c", "+  c\t");
    String context = diff.replace(" d\n", " e\n");
    String id = StablePatchId.of(diff).orElseThrow();
    assertEquals(id, StablePatchId.of(moved).orElseThrow());
    assertEquals(id, StablePatchId.of(spaced).orElseThrow());
    assertNotEquals(id, StablePatchId.of(context).orElseThrow());
  }

  @Test
  void fileOrderDoesNotMatter() {
    String f = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";
    String g = "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n";
    assertEquals(StablePatchId.of(f + g), StablePatchId.of(g + f));
    assertTrue(StablePatchId.of(f + g).isPresent());
  }

  @Test
  void textWithoutDiffHasNoPatchId() {
    assertEquals(Optional.empty(), StablePatchId.of("just a commit message\n\nwith no diff\n"));
  }

  private static boolean gitAvailable() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String run(Path dir, String stdin, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "git finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
