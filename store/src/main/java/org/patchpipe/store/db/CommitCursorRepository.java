package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where match-commits stopped on each branch ({@code commit_cursor}): the last commit walked per
 * project, repository and branch. Runs on the caller's connection and transaction; fails with
 * {@link SQLException}.
 */
public final class CommitCursorRepository {
  private final Connection connection;

  public CommitCursorRepository(Connection connection) {
    this.connection = connection;
  }

  /** The last commit walked on this branch of this repository, if any. */
  public Optional<String> find(long projectId, String repository, String branch) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT last_commit FROM commit_cursor WHERE project_id = ? AND repository = ? AND branch = ?")) {
      q.setLong(1, projectId);
      q.setString(2, repository);
      q.setString(3, branch);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Remembers {@code commit} as the last one walked on this branch. */
  public void save(long projectId, String repository, String branch, String commit) throws SQLException {
    try (PreparedStatement u = connection.prepareStatement(
        "INSERT INTO commit_cursor (project_id, repository, branch, last_commit) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (project_id, repository, branch) DO UPDATE SET last_commit = EXCLUDED.last_commit,"
            + " updated = now() AT TIME ZONE 'UTC'")) {
      u.setLong(1, projectId);
      u.setString(2, repository);
      u.setString(3, branch);
      u.setString(4, commit);
      u.executeUpdate();
    }
  }
}
