package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Patchwork's checks ({@code patch_check}): CI results reported against a patch, listed and read
 * for the API. A new check is
 * dated by the injected clock and recorded as a {@code check-created} event by the check's user.
 * Runs on the caller's connection and transaction; fails with {@link SQLException}.
 */
public final class CheckRepository {
  /** A check with the user who reported it; {@code state} is the state's code. */
  public record CheckRow(long id, long patchId, LocalDateTime date, int state, String targetUrl, String context,
      String description, UserRow user) {}

  /**
   * A list's filters: users by id or username (all must exist), the state's code ({@code -1}
   * names no state, so nothing matches; null: any), the context (null: any), and the date bounds.
   */
  public record CheckFilter(List<String> users, Integer state, String context, String since, String before) {}

  private static final String FROM = " FROM patch_check k JOIN auth_user u ON u.id = k.user_id";
  private static final String SELECT = "SELECT k.id, k.patch_id, k.date, k.state, k.target_url, k.context,"
      + " k.description, " + UserRow.columns("u", "u_");
  private static final Ordering ORDERING = new Ordering(Map.of("id", "k.id", "date", "k.date"), "id");

  private final Connection connection;
  private final EventLog events;

  public CheckRepository(Connection connection, Clock clock) {
    this.connection = connection;
    this.events = EventLog.on(connection, clock);
  }

  /** The checks of one patch matching {@code filter}, in {@code order} (null: by id). */
  public ListQuery<CheckRow> list(long patchId, CheckFilter filter, String order) throws SQLException {
    SqlFilter f = new SqlFilter().where("k.patch_id = ?", patchId);
    f.choice(connection, "k.user_id", filter.users(), "auth_user", "username", v -> v);
    if (filter.state() != null) {
      f.where("k.state = ?", filter.state());
    }
    if (filter.context() != null) {
      f.where("k.context = ?", filter.context());
    }
    f.dates(filter.since(), filter.before(), "k.date");
    return new ListQuery<>("SELECT count(*)" + FROM, SELECT + FROM, f, ORDERING.sql(order, "k.id"),
        CheckRepository::row);
  }

  /** Check {@code checkId} of patch {@code patchId}, if it exists. */
  public Optional<CheckRow> find(long patchId, long checkId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SELECT + FROM + " WHERE k.patch_id = ? AND k.id = ?")) {
      ps.setLong(1, patchId);
      ps.setLong(2, checkId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static CheckRow row(ResultSet rs) throws SQLException {
    return new CheckRow(rs.getLong("id"), rs.getLong("patch_id"), rs.getTimestamp("date").toLocalDateTime(),
        rs.getInt("state"), rs.getString("target_url"), rs.getString("context"), rs.getString("description"),
        UserRow.readNullable(rs, "u_"));
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
