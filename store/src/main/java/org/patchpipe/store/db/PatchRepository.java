package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes to stored patches after they arrived, with the events Patchwork records for them
 * ({@link EventLog}): a user's edit through the API ({@link PatchEdit}), a commit that carries the
 * patch, and an older revision superseded by a newer one; plus the lookups those need. Patches
 * arrive through the consumer, not here. Runs on the caller's connection and transaction; fails
 * with {@link SQLException}.
 */
public final class PatchRepository {
  /** States an older revision's patch may still be in for a newer revision to supersede it. */
  private static final String OPEN_STATES = "('new', 'under-review', 'changes-requested', 'rfc')";

  /** A patch's diff, for computing its stable patch-id. */
  public record PatchDiff(long id, String diff) {}

  /** A patch of a series as revision pairing needs it; {@code number} null when unnumbered. */
  public record SeriesPatch(long id, String name, Integer number) {}

  /** What an edit checks and compares against: the patch's project and current state and delegate. */
  public record EditTarget(long projectId, String projectName, long stateId, Long delegateId) {}

  private final Connection connection;
  private final EventLog events;

  public PatchRepository(Connection connection, Clock clock) {
    this.connection = connection;
    this.events = EventLog.on(connection, clock);
  }

  /** Whether the patch exists. */
  public boolean exists(long patchId) throws SQLException {
    return one("SELECT 1 FROM patch WHERE id = ?", patchId);
  }

  /** Locks the patch for this transaction; false if it does not exist. */
  public boolean lock(long patchId) throws SQLException {
    return one("SELECT 1 FROM patch WHERE id = ? FOR UPDATE", patchId);
  }

  /**
   * Patchwork's {@code Patch.is_editable}: the submitter's own user, the delegate, or a maintainer
   * of the patch's project.
   */
  public boolean editableBy(long patchId, long userId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT 1 FROM patch p JOIN person s ON s.id = p.submitter_id WHERE p.id = ? AND"
            + " (s.user_id = ? OR p.delegate_id = ? OR EXISTS (SELECT 1 FROM project_maintainer m"
            + " WHERE m.project_id = p.project_id AND m.user_id = ?))")) {
      ps.setLong(1, patchId);
      ps.setLong(2, userId);
      ps.setLong(3, userId);
      ps.setLong(4, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The project, state and delegate of an existing patch. */
  public EditTarget editTarget(long patchId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT p.project_id, pr.name, p.state_id, p.delegate_id FROM patch p"
            + " JOIN project pr ON pr.id = p.project_id WHERE p.id = ?")) {
      ps.setLong(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long delegate = rs.getLong(4);
        Long delegateId = rs.wasNull() ? null : delegate;
        return new EditTarget(rs.getLong(1), rs.getString(2), rs.getLong(3), delegateId);
      }
    }
  }

  /**
   * Applies a user's validated edit to a locked patch and records {@code patch-state-changed} and
   * {@code patch-delegated} where the state or delegate changed.
   */
  public void edit(long patchId, EditTarget before, PatchEdit edit, long actorId) throws SQLException {
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    edit.state().ifPresent(v -> add(sets, values, types, "state_id", v, Types.BIGINT));
    edit.delegate().ifPresent(v -> add(sets, values, types, "delegate_id", v.orElse(null), Types.BIGINT));
    edit.archived().ifPresent(v -> add(sets, values, types, "archived", v, Types.BOOLEAN));
    edit.commitRef().ifPresent(v -> add(sets, values, types, "commit_ref", v.orElse(null), Types.VARCHAR));
    edit.pullUrl().ifPresent(v -> add(sets, values, types, "pull_url", v.orElse(null), Types.VARCHAR));
    if (!sets.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE patch SET " + String.join(", ", sets) + " WHERE id = ?")) {
        for (int i = 0; i < values.size(); i++) {
          ps.setObject(i + 1, values.get(i), types.get(i));
        }
        ps.setLong(values.size() + 1, patchId);
        ps.executeUpdate();
      }
    }
    if (edit.state().isPresent() && edit.state().get() != before.stateId()) {
      events.patchStateChanged(before.projectId(), actorId, patchId, before.stateId(), edit.state().get());
    }
    if (edit.delegate().isPresent() && !Objects.equals(edit.delegate().get().orElse(null), before.delegateId())) {
      events.patchDelegated(before.projectId(), actorId, patchId, before.delegateId(),
          edit.delegate().get().orElse(null));
    }
  }

  private static void add(List<String> sets, List<Object> values, List<Integer> types, String column,
      Object value, int type) {
    sets.add(column + " = ?");
    values.add(value);
    types.add(type);
  }

  /** Up to {@code limit} patches of the project that have a diff but no stable patch-id yet. */
  public List<PatchDiff> withoutPatchId(long projectId, int limit) throws SQLException {
    List<PatchDiff> out = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id, diff FROM patch WHERE project_id = ? AND patch_id IS NULL AND diff IS NOT NULL"
            + " ORDER BY id LIMIT " + limit)) {
      q.setLong(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new PatchDiff(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  /** Stores each patch's stable patch-id; {@code patchIds} in the order of {@code ids}. */
  public void setPatchIds(List<Long> ids, List<String> patchIds) throws SQLException {
    try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET patch_id = ? WHERE id = ?")) {
      for (int i = 0; i < ids.size(); i++) {
        u.setString(1, patchIds.get(i));
        u.setLong(2, ids.get(i));
        u.addBatch();
      }
      u.executeBatch();
    }
  }

  /** The project's patches not yet matched to a commit whose Patchwork hash is {@code hash}, by id. */
  public List<Long> unmatchedByHash(long projectId, String hash) throws SQLException {
    return unmatched("hash", projectId, hash);
  }

  /** Same, by stable patch-id. */
  public List<Long> unmatchedByPatchId(long projectId, String patchId) throws SQLException {
    return unmatched("patch_id", projectId, patchId);
  }

  /** Same, by Message-ID. */
  public List<Long> unmatchedByMsgid(long projectId, String msgid) throws SQLException {
    return unmatched("msgid", projectId, msgid);
  }

  private List<Long> unmatched(String column, long projectId, String key) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement("SELECT id FROM patch WHERE project_id = ? AND "
        + column + " = ? AND commit_ref IS NULL ORDER BY id")) {
      q.setLong(1, projectId);
      q.setString(2, key);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /**
   * Sets the patch's {@code commit_ref} and state, with {@code patch-state-changed} (no actor)
   * where the state changed. A patch matched meanwhile by another run is left alone.
   *
   * @return whether this call applied the match
   */
  public boolean matchCommit(long projectId, long patchId, String commitId, long stateId) throws SQLException {
    Optional<Long> previous;
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT state_id FROM patch WHERE id = ? AND commit_ref IS NULL FOR UPDATE")) {
      q.setLong(1, patchId);
      try (ResultSet rs = q.executeQuery()) {
        previous = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
    if (previous.isEmpty()) {
      return false;
    }
    try (PreparedStatement u = connection.prepareStatement(
        "UPDATE patch SET commit_ref = ?, state_id = ? WHERE id = ?")) {
      u.setString(1, commitId);
      u.setLong(2, stateId);
      u.setLong(3, patchId);
      u.executeUpdate();
    }
    if (previous.get() != stateId) {
      events.patchStateChanged(projectId, null, patchId, previous.get(), stateId);
    }
    return true;
  }

  /** The patches of a series, by number and id. */
  public List<SeriesPatch> ofSeries(long seriesId) throws SQLException {
    List<SeriesPatch> out = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id, name, number FROM patch WHERE series_id = ? ORDER BY number, id")) {
      q.setLong(1, seriesId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          int number = rs.getInt(3);
          out.add(new SeriesPatch(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : number));
        }
      }
    }
    return out;
  }

  /**
   * Turns the series' patches still awaiting a decision (new, under review, changes requested,
   * RFC) into {@code stateId}, with {@code patch-state-changed} events (no actor).
   *
   * @return how many patches changed
   */
  public int supersedeOpen(long projectId, long seriesId, long stateId) throws SQLException {
    List<long[]> open = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT p.id, p.state_id FROM patch p JOIN state st"
        + " ON st.id = p.state_id WHERE p.series_id = ? AND st.slug IN " + OPEN_STATES + " ORDER BY p.id FOR UPDATE OF p")) {
      q.setLong(1, seriesId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          open.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    for (long[] p : open) {
      try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET state_id = ? WHERE id = ?")) {
        u.setLong(1, stateId);
        u.setLong(2, p[0]);
        u.executeUpdate();
      }
      events.patchStateChanged(projectId, null, p[0], p[1], stateId);
    }
    return open.size();
  }

  private boolean one(String sql, long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
