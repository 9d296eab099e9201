package org.patchpipe.store.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Who may change a patch: Patchwork's {@code Patch.is_editable}: the submitter's own user, the
 * delegate, or a maintainer of the patch's project. Stateless.
 */
public final class Editing {
  private Editing() {}

  /** Whether {@code user} may edit patch {@code patchId} (which must exist). */
  public static boolean mayEditPatch(Connection connection, ApiUser user, long patchId) throws SQLException {
    String sql = "SELECT 1 FROM patch p JOIN person s ON s.id = p.submitter_id WHERE p.id = ? AND"
        + " (s.user_id = ? OR p.delegate_id = ? OR EXISTS (SELECT 1 FROM project_maintainer m"
        + " WHERE m.project_id = p.project_id AND m.user_id = ?))";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, patchId);
      ps.setLong(2, user.id());
      ps.setLong(3, user.id());
      ps.setLong(4, user.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether {@code user} maintains {@code projectId}. */
  public static boolean maintains(Connection connection, long userId, long projectId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT 1 FROM project_maintainer WHERE user_id = ? AND project_id = ?")) {
      ps.setLong(1, userId);
      ps.setLong(2, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
