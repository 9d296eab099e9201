package org.patchpipe.ingest.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.patchpipe.event.Position;
import org.patchpipe.event.Position.InboxCommit;
import org.patchpipe.parser.RawMessage;

/**
 * One epoch of a public-inbox v2 archive (a bare git repository such as {@code git/0.git}), read
 * directly with JGit: one commit per message, oldest first, the message's exact bytes in the blob
 * {@code m} of the commit's tree. A commit whose tree holds {@code d} instead records a deletion and
 * is skipped. Positions are {@link InboxCommit}s, so a source opened after the last commit it saw
 * reads only the commits added since: incremental mirroring is {@code git fetch} then replay.
 *
 * <pre>{@code
 * try (MailSource inbox = PublicInboxSource.open(Path.of("lkml/git/0.git"), Optional.empty())) { ... }
 * }</pre>
 *
 * <p>One per thread. Opening fails with {@link IOException} when the directory is not a git
 * repository, has no {@code refs/heads/master} (or HEAD), or the resume commit is not in it (the
 * epoch was rewritten). A commit with neither {@code m} nor {@code d}, or an {@code m} blob larger
 * than {@link MaildirSource#MAX_MESSAGE_BYTES}, is delivered as a defective message.
 */
public final class PublicInboxSource implements MailSource {
  private final String id;
  private final Repository repository;
  private final RevWalk walk;
  private final int total;
  private int done;
  private int deletions;

  private PublicInboxSource(String id, Repository repository, RevWalk walk, int total) {
    this.id = id;
    this.repository = repository;
    this.walk = walk;
    this.total = total;
  }

  /**
   * Opens the epoch repository {@code gitDir}; with {@code after}, reads only commits that are
   * not ancestors of that commit.
   *
   * @throws IOException if it is not a readable git repository with a master branch, or {@code
   *     after} is not one of its commits
   */
  public static PublicInboxSource open(Path gitDir, Optional<Position> after) throws IOException {
    Path root = gitDir.toAbsolutePath().normalize();
    Repository repository =
        new FileRepositoryBuilder().setGitDir(root.toFile()).setMustExist(true).build();
    try {
      ObjectId head = head(repository, root);
      int total = count(repository, head, after);
      RevWalk walk = walk(repository, head, after);
      return new PublicInboxSource("public-inbox:" + root, repository, walk, total);
    } catch (IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  private static ObjectId head(Repository repository, Path root) throws IOException {
    Ref ref = repository.exactRef("refs/heads/master");
    if (ref == null) {
      ref = repository.exactRef(Constants.HEAD);
    }
    if (ref == null || ref.getObjectId() == null) {
      throw new IOException(root + " has no refs/heads/master: not a public-inbox v2 epoch?");
    }
    return ref.getObjectId();
  }

  private static RevWalk walk(Repository repository, ObjectId head, Optional<Position> after)
      throws IOException {
    RevWalk walk = new RevWalk(repository);
    walk.sort(RevSort.TOPO);
    walk.sort(RevSort.REVERSE, true);
    walk.markStart(walk.parseCommit(head));
    if (after.isPresent()) {
      walk.markUninteresting(walk.parseCommit(resumeCommit(after.get())));
    }
    return walk;
  }

  /** Counts the commits to read, for progress; cheap next to reading the blobs. */
  private static int count(Repository repository, ObjectId head, Optional<Position> after)
      throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(head));
      if (after.isPresent()) {
        walk.markUninteresting(walk.parseCommit(resumeCommit(after.get())));
      }
      int n = 0;
      for (RevCommit ignored : walk) {
        n++;
      }
      return n;
    }
  }

  private static ObjectId resumeCommit(Position after) throws IOException {
    if (!(after instanceof InboxCommit commit)) {
      throw new IOException("cannot resume a public-inbox epoch after a " + after.describe());
    }
    return ObjectId.fromString(commit.commitId());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<SourcedMessage> next() throws IOException {
    RevCommit commit;
    while ((commit = walk.next()) != null) {
      done++;
      Position position = new InboxCommit(commit.name());
      try (TreeWalk tree = new TreeWalk(repository)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(false);
        ObjectId message = null;
        boolean deletion = false;
        while (tree.next()) {
          String name = tree.getNameString();
          if (name.equals("m")) {
            message = tree.getObjectId(0);
          } else if (name.equals("d")) {
            deletion = true;
          }
        }
        if (message != null) {
          return Optional.of(read(message, position));
        }
        if (deletion) {
          deletions++;
          continue;
        }
        return Optional.of(
            new SourcedMessage(
                RawMessage.of(new byte[0]), position, "commit has neither 'm' nor 'd' in its tree"));
      }
    }
    return Optional.empty();
  }

  private SourcedMessage read(ObjectId blob, Position position) throws IOException {
    try {
      ObjectLoader loader = repository.open(blob, Constants.OBJ_BLOB);
      if (loader.getSize() > MaildirSource.MAX_MESSAGE_BYTES) {
        return new SourcedMessage(
            RawMessage.of(new byte[0]), position,
            "message of " + loader.getSize() + " bytes is larger than "
                + MaildirSource.MAX_MESSAGE_BYTES);
      }
      return new SourcedMessage(RawMessage.of(loader.getBytes()), position);
    } catch (MissingObjectException e) {
      return new SourcedMessage(
          RawMessage.of(new byte[0]), position, "blob 'm' is missing: " + blob.name());
    }
  }

  /** How many deletion commits ({@code d}) were skipped so far. */
  public int deletions() {
    return deletions;
  }

  @Override
  public double fractionDone() {
    return total == 0 ? 1.0 : (double) done / total;
  }

  @Override
  public void close() {
    walk.close();
    repository.close();
  }
}
