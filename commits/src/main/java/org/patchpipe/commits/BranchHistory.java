package org.patchpipe.commits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A branch's commits, oldest first, that are not reachable from a commit already seen, each with
 * its diff rendered as {@code git format-patch} would (three lines of context, renames detected,
 * {@code a/} and {@code b/} prefixes; a root commit diffs against the empty tree). Merges are
 * skipped: their changes arrive through the commits they merge.
 *
 * <pre>{@code
 * BranchHistory history = new BranchHistory(repository);
 * List<GitCommit> fresh = history.since(branch, lastSeen);
 * }</pre>
 *
 * <p>One per thread (it reads through one JGit {@link Repository}). Fails with
 * {@link CommitMatchException} for an unknown branch and {@link UncheckedIOException} for a
 * broken repository.
 */
public final class BranchHistory {
  private final Repository repository;

  public BranchHistory(Repository repository) {
    this.repository = repository;
  }

  /** The branch's current tip. */
  public ObjectId tip(String branch) {
    try {
      Ref ref = repository.findRef(branch);
      if (ref == null || ref.getObjectId() == null) {
        throw new CommitMatchException("branch '" + branch + "' is not in " + repository.getDirectory()
            + ": pass a branch name such as 'master' or 'refs/heads/main'");
      }
      return ref.getObjectId();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit {@code revision} names (an id, a tag, a branch); fails if there is none. */
  public ObjectId resolve(String revision) {
    try {
      ObjectId id = repository.resolve(revision + "^{commit}");
      if (id == null) {
        throw new CommitMatchException("no commit '" + revision + "' in " + repository.getDirectory()
            + ": pass a commit id, tag or branch");
      }
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The non-merge commits reachable from {@code tip} but not from {@code seen}, oldest first. A
   * {@code seen} commit that is gone (history rewritten) is ignored, so everything is walked again:
   * matching is idempotent.
   */
  public List<GitCommit> since(ObjectId tip, Optional<ObjectId> seen) {
    List<GitCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(tip));
      if (seen.isPresent()) {
        try {
          walk.markUninteresting(walk.parseCommit(seen.get()));
        } catch (MissingObjectException e) {
          // The branch was rewritten past the remembered commit: walk it all again.
        }
      }
      for (RevCommit commit : walk) {
        if (commit.getParentCount() > 1) {
          continue;
        }
        commits.add(new GitCommit(commit.name(), commit.getFullMessage(), diff(commit)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return commits;
  }

  /** The commit's diff against its parent, as {@code git format-patch} prints it. */
  public String diff(RevCommit commit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setRepository(repository);
      formatter.setDiffComparator(RawTextComparator.DEFAULT);
      formatter.setDetectRenames(true);
      formatter.setContext(3);
      RevCommit parent = commit.getParentCount() == 0 ? null : repository.parseCommit(commit.getParent(0));
      formatter.format(parent == null ? null : parent.getTree(), commit.getTree());
      formatter.flush();
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
