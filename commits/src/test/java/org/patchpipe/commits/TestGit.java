package org.patchpipe.commits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository in a test's temp dir, built with JGit: write files, commit, branch,
 * cherry-pick. Commits get fixed author and dates so runs are repeatable.
 */
final class TestGit implements AutoCloseable {
  private final Path dir;
  private final Git git;
  private long clock = 1_700_000_000L;

  TestGit(Path dir) {
    this.dir = dir;
    try {
      this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  Git git() {
    return git;
  }

  Path dir() {
    return dir;
  }

  TestGit write(String path, String text) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RevCommit commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who = new PersonIdent("A U Thor", "author@example.com",
          Instant.ofEpochSecond(clock += 60), TimeZone.getTimeZone("UTC").toZoneId());
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lines "line 1" .. "line n", one per line, for files whose line numbers a test moves. */
  static String lines(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i <= to; i++) {
      s.append("line ").append(i).append('\n');
    }
    return s.toString();
  }

  @Override
  public void close() {
    git.close();
  }
}
