package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Marks the patches a branch's new commits carry: walks the commits not seen on the branch since
 * the last run, matches each ({@link CommitMatcher}), sets the matched patches' state and
 * {@code commit_ref} with their events, and remembers the branch tip, all in one transaction under
 * a per-project advisory lock, so a run from a git hook and one from a timer never both apply a
 * match and a failed run leaves nothing half done.
 *
 * <pre>{@code
 * MatchSummary summary = new MatchCommits(connection, repository)
 *     .run(new MatchCommits.Request("linux-efi", "/srv/git/efi", "master", "accepted"));
 * }</pre>
 *
 * <p>One per thread. Fails with {@link CommitMatchException} for what the user must fix (unknown
 * project, branch or state) and {@link SQLException} for the database; on any failure the
 * transaction is rolled back.
 */
public final class MatchCommits {
  static final int PROGRESS_EVERY = 1000;

  private final Connection connection;
  private final Repository repository;

  private final Clock clock;

  public MatchCommits(Connection connection, Repository repository) {
    this(connection, repository, Clock.systemUTC());
  }

  /** With the clock that stamps the events it records. */
  public MatchCommits(Connection connection, Repository repository, Clock clock) {
    this.connection = connection;
    this.repository = repository;
    this.clock = clock;
  }

  /**
   * What to match.
   *
   * @param project the project id or link name
   * @param repositoryKey how the cursor names the repository (its path)
   * @param branch the branch to walk
   * @param state the slug of the state matched patches get ({@code accepted} by default)
   * @param start on a branch never walked before, the commit to start after (its history counts as
   *     seen), so a first run on a long history can begin at a release; null walks it all
   */
  public record Request(String project, String repositoryKey, String branch, String state, String start) {
    /** A request that walks the whole history on the first run. */
    public Request(String project, String repositoryKey, String branch, String state) {
      this(project, repositoryKey, branch, state, null);
    }
  }

  /**
   * What a run did.
   *
   * @param commits the commits walked
   * @param matches the matches applied (a patch already matched before is not counted again)
   * @param patchIdsFilled patches that got their stable patch-id computed in this run
   * @param tip the branch tip now remembered
   */
  public record Summary(int commits, List<PatchMatch> matches, int patchIdsFilled, String tip) {
    public Summary {
      matches = List.copyOf(matches);
    }
  }

  /** Runs one match over the branch; see the class comment. */
  public Summary run(Request request) throws SQLException {
    return run(request, done -> { });
  }

  /**
   * Runs one match over the branch, telling {@code progress} how many commits are done every
   * {@value #PROGRESS_EVERY} commits.
   */
  public Summary run(Request request, java.util.function.IntConsumer progress) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      long projectId = CommitMatchDatabase.projectId(connection, request.project());
      long stateId = CommitMatchDatabase.stateId(connection, request.state());
      CommitMatchDatabase database = new CommitMatchDatabase(connection, projectId, clock);
      database.lock();
      int filled = database.fillPatchIds();
      BranchHistory history = new BranchHistory(repository);
      ObjectId tip = history.tip(request.branch());
      Optional<ObjectId> seen = database.cursor(request.repositoryKey(), request.branch())
          .map(ObjectId::fromString);
      if (seen.isEmpty() && request.start() != null) {
        seen = Optional.of(history.resolve(request.start()));
      }
      List<GitCommit> commits = history.since(tip, seen);
      CommitMatcher matcher = new CommitMatcher(database);
      List<PatchMatch> applied = new ArrayList<>();
      int done = 0;
      for (GitCommit commit : commits) {
        if (++done % PROGRESS_EVERY == 0) {
          progress.accept(done);
        }
        for (PatchMatch match : matcher.match(commit)) {
          if (database.apply(match, stateId)) {
            applied.add(match);
          }
        }
      }
      database.saveCursor(request.repositoryKey(), request.branch(), tip.name());
      connection.commit();
      return new Summary(commits.size(), applied, filled, tip.name());
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
