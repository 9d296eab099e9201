package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Patchwork's event log ({@code event}) as the API lists it, each row with what its category
 * links to. {@link EventLog} is the only writer; this is the reader. Runs on the caller's
 * connection; fails with {@link SQLException}.
 */
public final class EventRepository {
  /** A created check as an event shows it (no user, no description). */
  public record EventCheck(long id, long patchId, LocalDateTime date, int state, String targetUrl, String context) {}

  /**
   * An event; each link is null where the category has none. The states are slugs; the relations
   * are not read (Patchwork's serializer always answers null for them); {@code comment} is the
   * patch or cover comment of the comment categories.
   */
  public record EventRow(long id, String category, LocalDateTime date, ProjectRow project, UserRow actor,
      SubmissionRow patch, SeriesRefRow series, SubmissionRow cover, String previousState, String currentState,
      UserRow previousDelegate, UserRow currentDelegate, EventCheck check, CommentRefRow comment) {}

  /**
   * Patchwork's event list filters: projects (id or link name), series, patches and covers (ids),
   * actors (id or username); each value must name a row, else nothing matches. {@code category}
   * null or empty for any; the date bounds.
   */
  public record EventFilter(List<String> projects, List<String> series, List<String> patches, List<String> covers,
      List<String> actors, String category, String since, String before) {}

  private static final String FROM = " FROM event e"
      + " JOIN project pr ON pr.id = e.project_id"
      + " LEFT JOIN auth_user a ON a.id = e.actor_id"
      + " LEFT JOIN patch p ON p.id = e.patch_id"
      + " LEFT JOIN series se ON se.id = e.series_id"
      + " LEFT JOIN cover c ON c.id = e.cover_id"
      + " LEFT JOIN state ps ON ps.id = e.previous_state_id"
      + " LEFT JOIN state cs ON cs.id = e.current_state_id"
      + " LEFT JOIN auth_user pd ON pd.id = e.previous_delegate_id"
      + " LEFT JOIN auth_user cd ON cd.id = e.current_delegate_id"
      + " LEFT JOIN patch_check k ON k.id = e.created_check_id"
      + " LEFT JOIN patch_comment pm ON pm.id = e.patch_comment_id"
      + " LEFT JOIN cover_comment cm ON cm.id = e.cover_comment_id";
  private static final String SELECT = "SELECT e.id, e.category, e.date, "
      + ProjectRow.columns("pr", "pr_") + ", " + UserRow.columns("a", "a_") + ", "
      + SubmissionRow.columns("p", "p_") + ", " + SeriesRefRow.columns("se", "se_") + ", "
      + SubmissionRow.columns("c", "c_") + ", ps.slug AS previous_state, cs.slug AS current_state, "
      + UserRow.columns("pd", "pd_") + ", " + UserRow.columns("cd", "cd_")
      + ", k.id AS k_id, k.patch_id AS k_patch_id, k.date AS k_date, k.state AS k_state,"
      + " k.target_url AS k_target_url, k.context AS k_context, " + CommentRefRow.columns("pm", "cm", "m_");
  private static final Ordering ORDERING = new Ordering(Map.of("date", "e.date"), "-date");

  private final Connection connection;

  public EventRepository(Connection connection) {
    this.connection = connection;
  }

  /**
   * The events of the {@code served} categories matching {@code filter}, in {@code order} (null:
   * newest first). A category filter outside {@code served} matches nothing.
   */
  public ListQuery<EventRow> list(List<String> served, EventFilter filter, String order) throws SQLException {
    SqlFilter f = new SqlFilter();
    f.where("e.category IN ('" + String.join("', '", served) + "')");
    f.choice(connection, "e.project_id", filter.projects(), "project", "linkname", v -> v);
    f.choice(connection, "e.series_id", filter.series(), "series", null, v -> v);
    f.choice(connection, "e.patch_id", filter.patches(), "patch", null, v -> v);
    f.choice(connection, "e.cover_id", filter.covers(), "cover", null, v -> v);
    f.choice(connection, "e.actor_id", filter.actors(), "auth_user", "username", v -> v);
    String category = filter.category();
    if (category != null && !category.isEmpty()) {
      if (served.contains(category)) {
        f.where("e.category = ?", category);
      } else {
        f.matchNothing();
      }
    }
    f.dates(filter.since(), filter.before(), "e.date");
    return new ListQuery<>("SELECT count(*) FROM event e", SELECT + FROM, f, ORDERING.sql(order, "e.id"),
        EventRepository::row);
  }

  /**
   * Up to {@code limit} events of every category with an id above {@code afterId}, oldest first:
   * what a push consumer (webhooks) reads next after its cursor.
   */
  public List<EventRow> after(long afterId, int limit) throws SQLException {
    try (java.sql.PreparedStatement ps = connection.prepareStatement(
        SELECT + FROM + " WHERE e.id > ? ORDER BY e.id LIMIT ?")) {
      ps.setLong(1, afterId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<EventRow> rows = new java.util.ArrayList<>();
        while (rs.next()) {
          rows.add(row(rs));
        }
        return rows;
      }
    }
  }

  /** The highest event id, 0 when there is none. */
  public long lastId() throws SQLException {
    try (java.sql.Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM event")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The database's clock now, to compare with {@link #writerOlderThan}. */
  public java.time.Instant databaseNow() throws SQLException {
    try (java.sql.Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT statement_timestamp()")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  /**
   * Whether another session has a writing transaction open that began before {@code time}: one
   * that may still commit an event whose id it took then. A hole in the ids that no such
   * transaction can fill is a rolled back (or deleted) event, never to come.
   */
  public boolean writerOlderThan(java.time.Instant time) throws SQLException {
    try (java.sql.PreparedStatement ps = connection.prepareStatement("SELECT coalesce(min(xact_start) < ?, false)"
        + " FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()")) {
      ps.setTimestamp(1, java.sql.Timestamp.from(time));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static EventRow row(ResultSet rs) throws SQLException {
    return new EventRow(rs.getLong("id"), rs.getString("category"), rs.getTimestamp("date").toLocalDateTime(),
        ProjectRow.read(rs, "pr_"), UserRow.readNullable(rs, "a_"), SubmissionRow.readNullable(rs, "p_"),
        SeriesRefRow.readNullable(rs, "se_"), SubmissionRow.readNullable(rs, "c_"), rs.getString("previous_state"),
        rs.getString("current_state"), UserRow.readNullable(rs, "pd_"), UserRow.readNullable(rs, "cd_"), check(rs),
        CommentRefRow.readNullable(rs, "m_"));
  }

  private static EventCheck check(ResultSet rs) throws SQLException {
    long id = rs.getLong("k_id");
    if (rs.wasNull()) {
      return null;
    }
    return new EventCheck(id, rs.getLong("k_patch_id"), rs.getTimestamp("k_date").toLocalDateTime(),
        rs.getInt("k_state"), rs.getString("k_target_url"), rs.getString("k_context"));
  }
}
