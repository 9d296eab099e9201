package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's tables as commit matching needs them, in plain SQL on one connection the caller
 * owns and whose transaction the caller commits: the patch lookups ({@link PatchIndex}, limited to
 * one project's patches without a {@code commit_ref}), the stable patch-id column kept filled, the
 * per-branch cursor, and applying a match as Patchwork does (state, {@code commit_ref}, and a
 * {@code patch-state-changed} event with previous and current state).
 *
 * <p>One per connection and thread. Every method fails with {@link SQLException}; lookups inside
 * {@link PatchIndex} wrap it in {@link IllegalStateException} with the cause kept.
 */
public final class CommitMatchDatabase implements PatchIndex {
  /** Advisory lock class for match-commits; the second key is the project id. */
  private static final int LOCK_CLASS = 0x70706d63;

  private static final String NO_PATCH_ID = "0".repeat(40);

  private final Connection connection;
  private final long projectId;

  public CommitMatchDatabase(Connection connection, long projectId) {
    this.connection = connection;
    this.projectId = projectId;
  }

  /** The project with this id or link name; fails with {@link CommitMatchException} if none. */
  public static long projectId(Connection connection, String idOrLinkname) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id FROM project WHERE linkname = ? OR CAST(id AS text) = ? ORDER BY (linkname = ?) DESC LIMIT 1")) {
      q.setString(1, idOrLinkname);
      q.setString(2, idOrLinkname);
      q.setString(3, idOrLinkname);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new CommitMatchException("no project '" + idOrLinkname + "': pass a project id or link name");
        }
        return rs.getLong(1);
      }
    }
  }

  /** The state with this slug ({@code accepted}); fails with {@link CommitMatchException} if none. */
  public static long stateId(Connection connection, String slug) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement("SELECT id FROM state WHERE slug = ?")) {
      q.setString(1, slug);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new CommitMatchException("no state '" + slug + "': use a slug such as accepted or superseded");
        }
        return rs.getLong(1);
      }
    }
  }

  /** Waits until no other match-commits run holds this project, until the transaction ends. */
  public void lock() throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, (int) projectId);
      s.execute();
    }
  }

  /** Computes the stable patch-id of every patch of the project that has a diff but no id yet. */
  public int fillPatchIds() throws SQLException {
    int filled = 0;
    while (true) {
      List<Long> ids = new ArrayList<>();
      List<String> patchIds = new ArrayList<>();
      try (PreparedStatement q = connection.prepareStatement(
          "SELECT id, diff FROM patch WHERE project_id = ? AND patch_id IS NULL AND diff IS NOT NULL"
              + " ORDER BY id LIMIT 500")) {
        q.setLong(1, projectId);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
            // A diff git finds no patch in gets the all-zero id, so it is not read again.
            patchIds.add(StablePatchId.of(rs.getString(2)).orElse(NO_PATCH_ID));
          }
        }
      }
      if (ids.isEmpty()) {
        return filled;
      }
      try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET patch_id = ? WHERE id = ?")) {
        for (int i = 0; i < ids.size(); i++) {
          u.setString(1, patchIds.get(i));
          u.setLong(2, ids.get(i));
          u.addBatch();
        }
        u.executeBatch();
      }
      filled += ids.size();
    }
  }

  @Override
  public List<Long> byHash(String hash) {
    return ids("SELECT id FROM patch WHERE project_id = ? AND hash = ? AND commit_ref IS NULL ORDER BY id", hash);
  }

  @Override
  public List<Long> byPatchId(String patchId) {
    return ids("SELECT id FROM patch WHERE project_id = ? AND patch_id = ? AND commit_ref IS NULL ORDER BY id", patchId);
  }

  @Override
  public List<Long> byMsgid(String msgid) {
    return ids("SELECT id FROM patch WHERE project_id = ? AND msgid = ? AND commit_ref IS NULL ORDER BY id", msgid);
  }

  private List<Long> ids(String sql, String key) {
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      q.setLong(1, projectId);
      q.setString(2, key);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("patch lookup failed: " + e.getMessage(), e);
    }
  }

  /** The last commit walked on this branch of this repository, if any. */
  public Optional<String> cursor(String repository, String branch) throws SQLException {
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
  public void saveCursor(String repository, String branch, String commit) throws SQLException {
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

  /**
   * Sets the patch's {@code commit_ref} and state, and records {@code patch-state-changed} where
   * the state changed. A patch another run matched meanwhile is left alone.
   *
   * @return whether this call applied the match
   */
  public boolean apply(PatchMatch match, long stateId) throws SQLException {
    Long previous;
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT state_id FROM patch WHERE id = ? AND commit_ref IS NULL FOR UPDATE")) {
      q.setLong(1, match.patchId());
      try (ResultSet rs = q.executeQuery()) {
        previous = rs.next() ? rs.getLong(1) : null;
      }
    }
    if (previous == null) {
      return false;
    }
    try (PreparedStatement u = connection.prepareStatement(
        "UPDATE patch SET commit_ref = ?, state_id = ? WHERE id = ?")) {
      u.setString(1, match.commitId());
      u.setLong(2, stateId);
      u.setLong(3, match.patchId());
      u.executeUpdate();
    }
    if (previous != stateId) {
      PatchStateEvents.record(connection, projectId, match.patchId(), previous, stateId);
    }
    return true;
  }
}
