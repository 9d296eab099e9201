package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The reads of Patchwork's XML-RPC interface: patches and checks by Django field lookups
 * ({@link FieldLookup}), projects, people and states by a case-insensitive substring, each in the
 * order of Patchwork's model ({@code Patch.Meta.ordering} is the date, {@code Project}'s the link
 * name, {@code State}'s its ordering; people and checks by id), and the count rule of its
 * {@code _get_objects}: a positive count keeps the first rows, a negative one the last, zero all.
 * Runs on the caller's connection; fails with {@link SQLException}.
 */
public final class RpcQueries {
  /** A patch as {@code patch_to_dict} needs it; delegate, commit ref and hash null where unset. */
  public record RpcPatch(long id, LocalDateTime date, String name, String msgid, String projectName, long projectId,
      String stateName, long stateId, boolean archived, String submitterName, String submitterEmail,
      long submitterId, String delegateUsername, Long delegateId, String commitRef, String hash) {}

  /** A check as {@code check_to_dict} needs it; {@code state} is the state's code. */
  public record RpcCheck(long id, LocalDateTime date, String patchName, long patchId, String username, long userId,
      int state, String targetUrl, String description, String context) {}

  /** A project: id, link name and name. */
  public record RpcProject(long id, String linkName, String name) {}

  /** A person, with the username of its user (null if none). */
  public record RpcPerson(long id, String email, String name, String username) {}

  /** A patch state. */
  public record RpcState(long id, String name) {}

  private static final String PATCHES = "SELECT p.id, p.date, p.name, p.msgid, pr.name AS project_name,"
      + " p.project_id, st.name AS state_name, p.state_id, p.archived, s.name AS submitter_name,"
      + " s.email AS submitter_email, p.submitter_id, d.username AS delegate_username, p.delegate_id,"
      + " p.commit_ref, p.hash FROM patch p JOIN project pr ON pr.id = p.project_id"
      + " JOIN state st ON st.id = p.state_id JOIN person s ON s.id = p.submitter_id"
      + " LEFT JOIN auth_user d ON d.id = p.delegate_id";
  private static final String CHECKS = "SELECT k.id, k.date, p.name AS patch_name, k.patch_id, u.username,"
      + " k.user_id, k.state, k.target_url, k.description, k.context FROM patch_check k"
      + " JOIN patch p ON p.id = k.patch_id JOIN auth_user u ON u.id = k.user_id";

  private static final String PROJECTS = "SELECT id, linkname, name FROM project";
  private static final String PEOPLE =
      "SELECT s.id, s.email, s.name, u.username FROM person s LEFT JOIN auth_user u ON u.id = s.user_id";
  private static final String STATES = "SELECT id, name FROM state";

  private final Connection connection;

  public RpcQueries(Connection connection) {
    this.connection = connection;
  }

  /** The patches matching every lookup, by date; {@code maxCount} as {@code _get_objects}. */
  public List<RpcPatch> patches(List<FieldLookup> lookups, long maxCount) throws SQLException {
    return select(PATCHES, lookups, "p.date", "p.id", maxCount, RpcQueries::patch);
  }

  /** The patches whose hash is {@code hash}, in {@code projectLinkName} (null: any), by date. */
  public List<RpcPatch> patchesByHash(String projectLinkName, String hash) throws SQLException {
    SqlFilter filter = new SqlFilter().where("p.hash = ?", hash);
    if (projectLinkName != null) {
      filter.where("pr.linkname = ?", projectLinkName);
    }
    return select(PATCHES, filter, "p.date", "p.id", 0, RpcQueries::patch);
  }

  /** The checks matching every lookup, by id; {@code maxCount} as {@code _get_objects}. */
  public List<RpcCheck> checks(List<FieldLookup> lookups, long maxCount) throws SQLException {
    return select(CHECKS, lookups, "k.id", "k.id", maxCount, RpcQueries::check);
  }

  /**
   * Patchwork's {@code Patch.checks}: of the patch's checks, the newest per user and context (the
   * later id among equal dates), by id.
   */
  public List<RpcCheck> latestChecks(long patchId) throws SQLException {
    SqlFilter filter = new SqlFilter().where("k.id IN (SELECT DISTINCT ON (c.user_id, c.context) c.id"
        + " FROM patch_check c WHERE c.patch_id = ? ORDER BY c.user_id, c.context, c.date DESC, c.id DESC)", patchId);
    return select(CHECKS, filter, "k.id", "k.id", 0, RpcQueries::check);
  }

  /** Projects whose link name contains {@code search} (any case; null or empty: all). */
  public List<RpcProject> projects(String search, long maxCount) throws SQLException {
    return select(PROJECTS, contains(search, "linkname"), "linkname", "id", maxCount, RpcQueries::project);
  }

  /** People whose name or email contains {@code search}. */
  public List<RpcPerson> people(String search, long maxCount) throws SQLException {
    return select(PEOPLE, contains(search, "s.name", "s.email"), "s.id", "s.id", maxCount, RpcQueries::person);
  }

  /** States whose name contains {@code search}. */
  public List<RpcState> states(String search, long maxCount) throws SQLException {
    return select(STATES, contains(search, "name"), "ordering", "id", maxCount, RpcQueries::state);
  }

  /** The project with this id. */
  public Optional<RpcProject> project(long id) throws SQLException {
    return select(PROJECTS, new SqlFilter().where("id = ?", id), "id", "id", 0, RpcQueries::project)
        .stream().findFirst();
  }

  /** The person with this id. */
  public Optional<RpcPerson> person(long id) throws SQLException {
    return select(PEOPLE, new SqlFilter().where("s.id = ?", id), "s.id", "s.id", 0, RpcQueries::person)
        .stream().findFirst();
  }

  /** The state with this id. */
  public Optional<RpcState> state(long id) throws SQLException {
    return select(STATES, new SqlFilter().where("id = ?", id), "id", "id", 0, RpcQueries::state)
        .stream().findFirst();
  }

  private static SqlFilter contains(String search, String... columns) {
    SqlFilter filter = new SqlFilter();
    if (search != null && !search.isEmpty()) {
      String like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      StringBuilder clause = new StringBuilder("(");
      for (int i = 0; i < columns.length; i++) {
        clause.append(i == 0 ? "" : " OR ").append(columns[i]).append(" ILIKE ?");
      }
      filter.where(clause.append(')').toString(), Collections.nCopies(columns.length, like).toArray());
    }
    return filter;
  }

  private <T> List<T> select(String select, List<FieldLookup> lookups, String order, String tieBreak, long maxCount,
      ListQuery.RowReader<T> reader) throws SQLException {
    SqlFilter filter = new SqlFilter();
    for (FieldLookup lookup : lookups) {
      lookup.addTo(filter);
    }
    return select(select, filter, order, tieBreak, maxCount, reader);
  }

  private <T> List<T> select(String select, SqlFilter filter, String order, String tieBreak, long maxCount,
      ListQuery.RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    if (filter.matchesNothing()) {
      return rows;
    }
    // The last n rows are the first n in reverse order, read back to front.
    boolean last = maxCount < 0;
    String direction = last ? " DESC" : "";
    String limit = maxCount == 0 ? "" : " LIMIT " + Math.abs(maxCount);
    try (PreparedStatement ps = connection.prepareStatement(select + filter.sql() + " ORDER BY " + order + direction
        + ", " + tieBreak + direction + limit)) {
      filter.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
      }
    }
    if (last) {
      Collections.reverse(rows);
    }
    return rows;
  }

  private static RpcPatch patch(ResultSet rs) throws SQLException {
    long delegate = rs.getLong("delegate_id");
    Long delegateId = rs.wasNull() ? null : delegate;
    return new RpcPatch(rs.getLong("id"), rs.getTimestamp("date").toLocalDateTime(), rs.getString("name"),
        rs.getString("msgid"), rs.getString("project_name"), rs.getLong("project_id"), rs.getString("state_name"),
        rs.getLong("state_id"), rs.getBoolean("archived"), rs.getString("submitter_name"),
        rs.getString("submitter_email"), rs.getLong("submitter_id"), rs.getString("delegate_username"), delegateId,
        rs.getString("commit_ref"), rs.getString("hash"));
  }

  private static RpcCheck check(ResultSet rs) throws SQLException {
    return new RpcCheck(rs.getLong("id"), rs.getTimestamp("date").toLocalDateTime(), rs.getString("patch_name"),
        rs.getLong("patch_id"), rs.getString("username"), rs.getLong("user_id"), rs.getInt("state"),
        rs.getString("target_url"), rs.getString("description"), rs.getString("context"));
  }

  private static RpcProject project(ResultSet rs) throws SQLException {
    return new RpcProject(rs.getLong(1), rs.getString(2), rs.getString(3));
  }

  private static RpcPerson person(ResultSet rs) throws SQLException {
    return new RpcPerson(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
  }

  private static RpcState state(ResultSet rs) throws SQLException {
    return new RpcState(rs.getLong(1), rs.getString(2));
  }
}
