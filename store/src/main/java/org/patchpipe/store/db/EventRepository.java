package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    return new ListQuery<>("SELECT count(*) FROM event e", SELECT + FROM, where(served, filter),
        ORDERING.sql(order, "e.id"), EventRepository::row);
  }

  /**
   * The events a stream replays: those of the {@code served} categories matching {@code filter}
   * with {@code afterId < id <= upToId}, oldest first, at most {@code limit}.
   */
  public List<EventRow> replay(List<String> served, EventFilter filter, long afterId, long upToId, int limit)
      throws SQLException {
    SqlFilter f = where(served, filter);
    if (f.matchesNothing()) {
      return List.of();
    }
    f.where("e.id > ?", afterId).where("e.id <= ?", upToId);
    return rows(SELECT + FROM + f.sql() + " ORDER BY e.id LIMIT " + limit, f);
  }

  /**
   * The events a stream's shared poll reads: every category, with an id above {@code afterId} or
   * among {@code lagging} (ids skipped by an earlier poll, whose transaction may commit late),
   * oldest first, at most {@code limit}. Push consumers (webhooks, the events topic) pass no
   * {@code lagging}: their cursor waits for holes itself.
   */
  public List<EventRow> after(long afterId, Collection<Long> lagging, int limit) throws SQLException {
    String sql = SELECT + FROM + (lagging.isEmpty() ? " WHERE e.id > ?" : " WHERE (e.id > ? OR e.id = ANY (?))")
        + " ORDER BY e.id LIMIT " + limit;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, afterId);
      if (!lagging.isEmpty()) {
        ps.setArray(2, connection.createArrayOf("bigint", lagging.toArray(new Long[0])));
      }
      return read(ps);
    }
  }

  /** The newest event's id; 0 when there is none. */
  public long latestId() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM event");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * {@code filter} resolved once for a stream, to test each new event in memory as {@link #list}
   * would in SQL: the names and ids looked up now, the dates parsed.
   */
  public EventMatch match(List<String> served, EventFilter filter) throws SQLException {
    String category = filter.category();
    Set<String> categories = new HashSet<>(served);
    boolean nothing = false;
    if (category != null && !category.isEmpty()) {
      nothing = !served.contains(category);
      categories = Set.of(category);
    }
    Set<Long> projects = ids(filter.projects(), "project", "linkname");
    Set<Long> series = ids(filter.series(), "series", null);
    Set<Long> patches = ids(filter.patches(), "patch", null);
    Set<Long> covers = ids(filter.covers(), "cover", null);
    Set<Long> actors = ids(filter.actors(), "auth_user", "username");
    LocalDateTime since = date(filter.since());
    LocalDateTime before = date(filter.before());
    nothing |= projects == null || series == null || patches == null || covers == null || actors == null
        || since == BAD_DATE || before == BAD_DATE;
    return new EventMatch(nothing, Set.copyOf(categories), orAny(projects), orAny(series), orAny(patches),
        orAny(covers), orAny(actors), since, before);
  }

  /** The values' ids; empty for no filter; null if one names nothing. */
  private Set<Long> ids(List<String> values, String table, String altColumn) throws SQLException {
    Set<Long> ids = new HashSet<>();
    for (String value : values) {
      Long id = SqlFilter.lookup(connection, table, altColumn, v -> v, value);
      if (id == null) {
        return null;
      }
      ids.add(id);
    }
    return ids;
  }

  private static Set<Long> orAny(Set<Long> ids) {
    return ids == null ? Set.of() : Set.copyOf(ids);
  }

  private static final LocalDateTime BAD_DATE = LocalDateTime.MIN;

  private static LocalDateTime date(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    LocalDateTime parsed = SqlFilter.parseIsoDate(value.strip());
    return parsed == null ? BAD_DATE : parsed;
  }

  private SqlFilter where(List<String> served, EventFilter filter) throws SQLException {
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
    return f;
  }

  private List<EventRow> rows(String sql, SqlFilter f) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      f.bind(ps);
      return read(ps);
    }
  }

  private static List<EventRow> read(PreparedStatement ps) throws SQLException {
    List<EventRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
    return rows;
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
