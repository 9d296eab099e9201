package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes Patchwork's {@code patch-state-changed} event (patch, previous state, current state; no
 * actor, as for a change made by a script), in the caller's transaction. Stateless.
 */
final class PatchStateEvents {
  private PatchStateEvents() {}

  static void record(Connection connection, long projectId, long patchId, long previous, long current)
      throws SQLException {
    try (PreparedStatement e = connection.prepareStatement(
        "INSERT INTO event (project_id, category, patch_id, previous_state_id, current_state_id)"
            + " VALUES (?, 'patch-state-changed', ?, ?, ?)")) {
      e.setLong(1, projectId);
      e.setLong(2, patchId);
      e.setLong(3, previous);
      e.setLong(4, current);
      e.executeUpdate();
    }
  }
}
