package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Patchwork's {@code PatchRelation}s: groups of patches that are versions of one change (the patch
 * API's {@code related}). Relating two patches moves both, with every patch already related to
 * either, into one relation, recording {@code patch-relation-changed} for each patch that moved.
 * The API's edits of {@code related} read the {@link Member}s they validate and then {@link #join}
 * or {@link #leave}. Runs on the caller's connection and transaction; fails with {@link SQLException}.
 */
public final class PatchRelationRepository {
  /** A patch as relating it needs it: its project and its relation (null: none). */
  public record Member(long patchId, long projectId, Long relationId) {}

  private final Connection connection;
  private final EventLog events;

  public PatchRelationRepository(Connection connection, Clock clock) {
    this.connection = connection;
    this.events = EventLog.on(connection, clock);
  }

  /** Puts both patches of the project in one relation, the older one's if it has one. */
  public void relate(long projectId, long olderId, long newerId) throws SQLException {
    Long olderRelation = relation(olderId);
    Long newerRelation = relation(newerId);
    if (olderRelation != null && olderRelation.equals(newerRelation)) {
      return;
    }
    long target;
    if (olderRelation != null) {
      target = olderRelation;
    } else if (newerRelation != null) {
      target = newerRelation;
    } else {
      target = newRelation();
    }
    // Every patch of the other relation moves too, so a chain v1, v2, v3 is one relation.
    List<long[]> moved = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT id, related_id FROM patch"
        + " WHERE (id IN (?, ?) OR (related_id IS NOT NULL AND related_id IN (?, ?))) AND related_id IS DISTINCT FROM ?")) {
      q.setLong(1, olderId);
      q.setLong(2, newerId);
      q.setLong(3, olderRelation == null ? -1 : olderRelation);
      q.setLong(4, newerRelation == null ? -1 : newerRelation);
      q.setLong(5, target);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          long previous = rs.getLong(2);
          moved.add(new long[] {id, rs.wasNull() ? -1 : previous});
        }
      }
    }
    for (long[] m : moved) {
      setRelation(m[0], target);
      events.patchRelationChanged(projectId, null, m[0], m[1] < 0 ? null : m[1], target);
    }
    try (PreparedStatement d = connection.prepareStatement(
        "DELETE FROM patch_relation r WHERE r.id IN (?, ?) AND NOT EXISTS (SELECT 1 FROM patch WHERE related_id = r.id)")) {
      d.setLong(1, olderRelation == null ? -1 : olderRelation);
      d.setLong(2, newerRelation == null ? -1 : newerRelation);
      d.executeUpdate();
    }
  }

  /**
   * The existing patches among {@code patchIds}, locked for update, in the order asked (an id that
   * names no patch is missing from the answer).
   */
  public Map<Long, Member> members(Collection<Long> patchIds) throws SQLException {
    Map<Long, Member> found = new LinkedHashMap<>();
    if (patchIds.isEmpty()) {
      return found;
    }
    Map<Long, Member> byId = new java.util.HashMap<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id, project_id, related_id FROM patch WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
      q.setArray(1, connection.createArrayOf("bigint", patchIds.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          byId.put(rs.getLong(1), read(rs));
        }
      }
    }
    for (Long id : patchIds) {
      Member m = byId.get(id);
      if (m != null) {
        found.put(id, m);
      }
    }
    return found;
  }

  /** Every patch of the relation, by id, locked for update. */
  public List<Member> ofRelation(long relationId) throws SQLException {
    List<Member> out = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT id, project_id, related_id FROM patch WHERE related_id = ? ORDER BY id FOR UPDATE")) {
      q.setLong(1, relationId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  /**
   * Puts {@code patches} in {@code relationId} (null: a new relation), recording
   * {@code patch-relation-changed} by {@code actorId} for each patch whose relation changes, in
   * the order given. Answers the relation.
   */
  public long join(Long relationId, List<Member> patches, long actorId) throws SQLException {
    long target = relationId != null ? relationId : newRelation();
    for (Member m : patches) {
      if (Objects.equals(m.relationId(), target)) {
        continue;
      }
      setRelation(m.patchId(), target);
      events.patchRelationChanged(m.projectId(), actorId, m.patchId(), m.relationId(), target);
    }
    return target;
  }

  /**
   * Takes the patch out of its relation as Patchwork's API does: a relation of two is deleted (the
   * other patch is left alone too; as Patchwork's delete bypasses its save signal, no event is
   * recorded, and the relation's earlier events go with it, their foreign keys cascading as
   * Patchwork's do); from a larger one the patch leaves with a {@code patch-relation-changed} event.
   */
  public void leave(Member patch, long actorId) throws SQLException {
    if (patch.relationId() == null) {
      return;
    }
    if (ofRelation(patch.relationId()).size() == 2) {
      try (PreparedStatement d = connection.prepareStatement("DELETE FROM patch_relation WHERE id = ?")) {
        d.setLong(1, patch.relationId());
        d.executeUpdate();
      }
      return;
    }
    setRelation(patch.patchId(), null);
    events.patchRelationChanged(patch.projectId(), actorId, patch.patchId(), patch.relationId(), null);
  }

  private long newRelation() throws SQLException {
    try (PreparedStatement i = connection.prepareStatement(
        "INSERT INTO patch_relation DEFAULT VALUES RETURNING id"); ResultSet rs = i.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void setRelation(long patchId, Long relationId) throws SQLException {
    try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET related_id = ? WHERE id = ?")) {
      EventLog.setLong(u, 1, relationId);
      u.setLong(2, patchId);
      u.executeUpdate();
    }
  }

  private static Member read(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    long project = rs.getLong(2);
    long relation = rs.getLong(3);
    return new Member(id, project, rs.wasNull() ? null : relation);
  }

  private Long relation(long patchId) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement("SELECT related_id FROM patch WHERE id = ?")) {
      q.setLong(1, patchId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        long r = rs.getLong(1);
        return rs.wasNull() ? null : r;
      }
    }
  }
}
