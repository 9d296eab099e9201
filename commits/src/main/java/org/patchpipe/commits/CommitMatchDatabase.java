package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.patchpipe.store.db.CommitCursorRepository;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.ProjectLock;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.StateRepository;

/**
 * The store as commit matching needs it, through the store's repositories on one connection the
 * caller owns and whose transaction the caller commits: the patch lookups ({@link PatchIndex},
 * limited to one project's patches without a {@code commit_ref}), the stable patch-id kept filled,
 * the per-branch cursor, and applying a match as Patchwork does (state, {@code commit_ref}, and a
 * {@code patch-state-changed} event with previous and current state).
 *
 * <p>One per connection and thread. Every method fails with {@link SQLException}; lookups inside
 * {@link PatchIndex} wrap it in {@link IllegalStateException} with the cause kept.
 */
public final class CommitMatchDatabase implements PatchIndex {
  private static final String NO_PATCH_ID = "0".repeat(40);
  private static final int PATCH_ID_BATCH = 500;

  private final Connection connection;
  private final long projectId;
  private final PatchRepository patches;
  private final CommitCursorRepository cursors;

  public CommitMatchDatabase(Connection connection, long projectId, Clock clock) {
    this.connection = connection;
    this.projectId = projectId;
    this.patches = new PatchRepository(connection, clock);
    this.cursors = new CommitCursorRepository(connection);
  }

  /** The project with this id or link name; fails with {@link CommitMatchException} if none. */
  public static long projectId(Connection connection, String idOrLinkname) throws SQLException {
    return new ProjectRepository(connection).idOf(idOrLinkname).orElseThrow(() ->
        new CommitMatchException("no project '" + idOrLinkname + "': pass a project id or link name"));
  }

  /** The state with this slug ({@code accepted}); fails with {@link CommitMatchException} if none. */
  public static long stateId(Connection connection, String slug) throws SQLException {
    return new StateRepository(connection).idOf(slug).orElseThrow(() ->
        new CommitMatchException("no state '" + slug + "': use a slug such as accepted or superseded"));
  }

  /** Waits until no other match-commits run holds this project, until the transaction ends. */
  public void lock() throws SQLException {
    ProjectLock.COMMIT_MATCHING.acquire(connection, projectId);
  }

  /** Computes the stable patch-id of every patch of the project that has a diff but no id yet. */
  public int fillPatchIds() throws SQLException {
    int filled = 0;
    while (true) {
      List<PatchRepository.PatchDiff> batch = patches.withoutPatchId(projectId, PATCH_ID_BATCH);
      if (batch.isEmpty()) {
        return filled;
      }
      // A diff git finds no patch in gets the all-zero id, so it is not read again.
      patches.setPatchIds(batch.stream().map(PatchRepository.PatchDiff::id).toList(),
          batch.stream().map(d -> StablePatchId.of(d.diff()).orElse(NO_PATCH_ID)).toList());
      filled += batch.size();
    }
  }

  @Override
  public List<Long> byHash(String hash) {
    return lookup(() -> patches.unmatchedByHash(projectId, hash));
  }

  @Override
  public List<Long> byPatchId(String patchId) {
    return lookup(() -> patches.unmatchedByPatchId(projectId, patchId));
  }

  @Override
  public List<Long> byMsgid(String msgid) {
    return lookup(() -> patches.unmatchedByMsgid(projectId, msgid));
  }

  private interface Lookup {
    List<Long> run() throws SQLException;
  }

  private static List<Long> lookup(Lookup lookup) {
    try {
      return lookup.run();
    } catch (SQLException e) {
      throw new IllegalStateException("patch lookup failed: " + e.getMessage(), e);
    }
  }

  /** The last commit walked on this branch of this repository, if any. */
  public Optional<String> cursor(String repository, String branch) throws SQLException {
    return cursors.find(projectId, repository, branch);
  }

  /** Remembers {@code commit} as the last one walked on this branch. */
  public void saveCursor(String repository, String branch, String commit) throws SQLException {
    cursors.save(projectId, repository, branch, commit);
  }

  /**
   * Sets the patch's {@code commit_ref} and state, and records {@code patch-state-changed} where
   * the state changed. A patch another run matched meanwhile is left alone.
   *
   * @return whether this call applied the match
   */
  public boolean apply(PatchMatch match, long stateId) throws SQLException {
    return patches.matchCommit(projectId, match.patchId(), match.commitId(), stateId);
  }
}
