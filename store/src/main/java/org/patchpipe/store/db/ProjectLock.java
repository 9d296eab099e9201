package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The per-project advisory locks of the store's batch jobs: a job holding a project's lock of its
 * kind runs alone on that project until its transaction ends, so a run from a git hook and one
 * from a timer never both apply the same change.
 */
public enum ProjectLock {
  /** match-commits. */
  COMMIT_MATCHING(0x70706d63),
  /** revision linking. */
  REVISION_LINKING(0x70707276);

  private final int lockClass;

  ProjectLock(int lockClass) {
    this.lockClass = lockClass;
  }

  /** Waits until no other transaction holds this lock on the project, then holds it until commit. */
  public void acquire(Connection connection, long projectId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      s.setInt(1, lockClass);
      s.setInt(2, (int) projectId);
      s.execute();
    }
  }
}
