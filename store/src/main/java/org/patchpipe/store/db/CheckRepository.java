package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Patchwork's checks ({@code patch_check}): CI results reported against a patch. A new check is
 * dated by the injected clock and recorded as a {@code check-created} event by the check's user.
 * Runs on the caller's connection and transaction; fails with {@link SQLException}.
 */
public final class CheckRepository {
  private final Connection connection;
  private final EventLog events;

  public CheckRepository(Connection connection, Clock clock) {
    this.connection = connection;
    this.events = EventLog.on(connection, clock);
  }

  /**
   * Creates a check on an existing patch.
   *
   * @param state the check state's code (0 pending, 1 success, 2 warning, 3 fail)
   * @return the new check's id
   */
  public long create(long patchId, long userId, int state, String targetUrl, String context, String description)
      throws SQLException {
    long id;
    long projectId;
    LocalDateTime date = events.now();
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO patch_check (patch_id, user_id, state, target_url, context, description, date)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id, (SELECT project_id FROM patch WHERE id = ?)")) {
      ps.setLong(1, patchId);
      ps.setLong(2, userId);
      ps.setInt(3, state);
      ps.setString(4, targetUrl);
      ps.setString(5, context);
      ps.setString(6, description);
      ps.setObject(7, date);
      ps.setLong(8, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
        projectId = rs.getLong(2);
      }
    }
    events.checkCreated(projectId, userId, patchId, id);
    return id;
  }
}
