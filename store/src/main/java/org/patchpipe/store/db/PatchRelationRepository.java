package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Patchwork's {@code PatchRelation}s: groups of patches that are versions of one change (the patch
 * API's {@code related}). Relating two patches moves both, with every patch already related to
 * either, into one relation, recording {@code patch-relation-changed} for each patch that moved.
 * Runs on the caller's connection and transaction; fails with {@link SQLException}.
 */
public final class PatchRelationRepository {
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
      try (PreparedStatement i = connection.prepareStatement(
          "INSERT INTO patch_relation DEFAULT VALUES RETURNING id"); ResultSet rs = i.executeQuery()) {
        rs.next();
        target = rs.getLong(1);
      }
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
      try (PreparedStatement u = connection.prepareStatement("UPDATE patch SET related_id = ? WHERE id = ?")) {
        u.setLong(1, target);
        u.setLong(2, m[0]);
        u.executeUpdate();
      }
      events.patchRelationChanged(projectId, m[0], m[1] < 0 ? null : m[1], target);
    }
    try (PreparedStatement d = connection.prepareStatement(
        "DELETE FROM patch_relation r WHERE r.id IN (?, ?) AND NOT EXISTS (SELECT 1 FROM patch WHERE related_id = r.id)")) {
      d.setLong(1, olderRelation == null ? -1 : olderRelation);
      d.setLong(2, newerRelation == null ? -1 : newerRelation);
      d.executeUpdate();
    }
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
