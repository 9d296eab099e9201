package org.patchpipe.store.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The registered webhooks ({@code webhook}): receivers of Patchwork's events, each with its
 * Standard Webhooks secret, an optional project and categories filter, and the cursor up to which
 * events were queued for it. A new webhook starts at the newest event, so it gets every event
 * stored from then on. Runs on the caller's connection; fails with {@link SQLException}.
 */
public final class WebhookRepository {
  /**
   * A webhook; {@code project} is the link name or null for every project, {@code categories}
   * empty for every category. {@link #toString()} never shows the secret.
   */
  public record Webhook(long id, String url, String secret, Long projectId, String project, List<String> categories,
      Instant created, boolean enabled, long lastEventId) {
    public Webhook {
      categories = List.copyOf(categories);
    }

    /** Whether an event of {@code category} in project {@code eventProject} goes to this webhook. */
    public boolean wants(long eventProject, String category) {
      return (projectId == null || projectId == eventProject)
          && (categories.isEmpty() || categories.contains(category));
    }

    @Override
    public String toString() {
      return "Webhook[" + id + ", " + url + ", project " + project + ", categories " + categories + "]";
    }
  }

  private static final String SELECT = "SELECT w.id, w.url, w.secret, w.project_id, p.linkname, w.categories,"
      + " w.created, w.enabled, w.last_event_id FROM webhook w LEFT JOIN project p ON p.id = w.project_id";

  /** The first key of the webhooks' advisory locks (the second is the webhook's id). */
  private static final int LOCK_SPACE = 0x57480023;

  private final Connection connection;

  public WebhookRepository(Connection connection) {
    this.connection = connection;
  }

  /**
   * Registers a webhook for the events stored from now on.
   *
   * @param project a project's link name, or null for every project
   * @throws IllegalArgumentException if the project does not exist
   */
  public long add(String url, String secret, String project, List<String> categories) throws SQLException {
    Long projectId = null;
    if (project != null) {
      try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM project WHERE linkname = ?")) {
        ps.setString(1, project);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no project " + project);
          }
          projectId = rs.getLong(1);
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO webhook (url, secret, project_id,"
        + " categories, last_event_id) VALUES (?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM event)) RETURNING id")) {
      ps.setString(1, url);
      ps.setString(2, secret);
      if (projectId == null) {
        ps.setNull(3, Types.BIGINT);
      } else {
        ps.setLong(3, projectId);
      }
      ps.setArray(4, connection.createArrayOf("text", categories.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Every webhook, by id. */
  public List<Webhook> list() throws SQLException {
    return query(SELECT + " ORDER BY w.id", null);
  }

  /** The enabled webhooks, by id: what the dispatcher delivers to. */
  public List<Webhook> enabled() throws SQLException {
    return query(SELECT + " WHERE w.enabled ORDER BY w.id", null);
  }

  public Optional<Webhook> find(long id) throws SQLException {
    return query(SELECT + " WHERE w.id = ?", id).stream().findFirst();
  }

  /** Removes a webhook and its delivery log; false when there is none. */
  public boolean remove(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM webhook WHERE id = ?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    }
  }

  /** Moves the webhook's cursor to {@code eventId}, in the caller's transaction with the queued deliveries. */
  public void advance(long id, long eventId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE webhook SET last_event_id = ? WHERE id = ? AND last_event_id < ?")) {
      ps.setLong(1, eventId);
      ps.setLong(2, id);
      ps.setLong(3, eventId);
      ps.executeUpdate();
    }
  }

  /**
   * Takes the session's advisory lock on the webhook: one process delivers to it at a time (a
   * standby store waits). Released when the session ends; false when another session holds it.
   */
  public boolean tryLock(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      ps.setInt(1, LOCK_SPACE);
      ps.setInt(2, (int) id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private List<Webhook> query(String sql, Long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      if (id != null) {
        ps.setLong(1, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Webhook> rows = new ArrayList<>();
        while (rs.next()) {
          long project = rs.getLong("project_id");
          Long projectId = rs.wasNull() ? null : project;
          Array categories = rs.getArray("categories");
          rows.add(new Webhook(rs.getLong("id"), rs.getString("url"), rs.getString("secret"), projectId,
              rs.getString("linkname"), Arrays.asList((String[]) categories.getArray()),
              rs.getTimestamp("created").toInstant(), rs.getBoolean("enabled"), rs.getLong("last_event_id")));
        }
        return rows;
      }
    }
  }
}
