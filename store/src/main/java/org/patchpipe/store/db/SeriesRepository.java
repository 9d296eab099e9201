package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Series ({@code series}) as the API lists and shows them: with project, submitter and cover
 * letter, their patches, and their other revisions (the {@code series_revision} links revision
 * linking makes). The consumer writes series as mail arrives. Runs on the caller's connection;
 * fails with {@link SQLException}.
 */
public final class SeriesRepository {
  /** A series; {@code coverLetter} null if it has none. */
  public record SeriesRow(long id, String name, LocalDateTime date, int version, int total, ProjectRow project,
      SubmitterRow submitter, SubmissionRow coverLetter) {}

  /**
   * Patchwork's series list filters: projects by id or link name, submitters by id or email (each
   * value must name a row, else nothing matches), the date bounds and the search {@code q}.
   */
  public record SeriesFilter(List<String> projects, List<String> submitters, String since, String before,
      String q) {}

  private static final String FROM = " FROM series se"
      + " JOIN project pr ON pr.id = se.project_id"
      + " JOIN person s ON s.id = se.submitter_id"
      + " LEFT JOIN cover c ON c.id = se.cover_letter_id";
  private static final String SELECT = "SELECT se.id, se.name, se.date, se.version, se.total, "
      + ProjectRow.columns("pr", "pr_") + ", " + SubmitterRow.columns("s", "s_") + ", "
      + SubmissionRow.columns("c", "c_");
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "se.id", "name", "se.name", "date", "se.date"), "id");

  private final Connection connection;

  public SeriesRepository(Connection connection) {
    this.connection = connection;
  }

  /** The series matching {@code filter}, in {@code order} (null: by id). */
  public ListQuery<SeriesRow> list(SeriesFilter filter, String order) throws SQLException {
    SqlFilter f = new SqlFilter();
    f.choice(connection, "se.project_id", filter.projects(), "project", "linkname", v -> v);
    f.choice(connection, "se.submitter_id", filter.submitters(), "person", "email", v -> v);
    f.dates(filter.since(), filter.before(), "se.date");
    f.search(filter.q(), "se.name");
    return new ListQuery<>("SELECT count(*)" + FROM, SELECT + FROM, f, ORDERING.sql(order, "se.id"),
        SeriesRepository::row);
  }

  /** The series with this id, if it exists. */
  public Optional<SeriesRow> find(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SELECT + FROM + " WHERE se.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** The patches of each of these series, by date and id; a series without any is absent. */
  public Map<Long, List<InProject<SubmissionRow>>> patches(List<Long> seriesIds) throws SQLException {
    Map<Long, List<InProject<SubmissionRow>>> patches = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT p.series_id, " + SubmissionRow.columns("p", "p_")
            + ", pr.linkname, pr.list_archive_url_format FROM patch p JOIN project pr ON pr.id = p.project_id"
            + " WHERE p.series_id = ANY (?) ORDER BY p.date, p.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", seriesIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          patches.computeIfAbsent(rs.getLong("series_id"), k -> new ArrayList<>()).add(new InProject<>(
              SubmissionRow.readNullable(rs, "p_"), rs.getString("linkname"), rs.getString("list_archive_url_format")));
        }
      }
    }
    return patches;
  }

  /**
   * The other revisions of each of these series: every series reachable through older or newer
   * links, oldest first. A series never linked is absent.
   */
  public Map<Long, List<InProject<SeriesRefRow>>> revisions(List<Long> seriesIds) throws SQLException {
    Map<Long, List<InProject<SeriesRefRow>>> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "WITH RECURSIVE chain(origin, id) AS ("
            + " SELECT s, s FROM unnest(?::bigint[]) AS s"
            + " UNION SELECT c.origin, CASE WHEN r.series_id = c.id THEN r.previous_id ELSE r.series_id END"
            + " FROM chain c JOIN series_revision r ON r.series_id = c.id OR r.previous_id = c.id)"
            + " SELECT c.origin, " + SeriesRefRow.columns("se", "r_") + ", pr.linkname"
            + " FROM chain c JOIN series se ON se.id = c.id JOIN project pr ON pr.id = se.project_id"
            + " WHERE c.id <> c.origin ORDER BY c.origin, se.date, se.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", seriesIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong("origin"), k -> new ArrayList<>())
              .add(new InProject<>(SeriesRefRow.readNullable(rs, "r_"), rs.getString("linkname"), null));
        }
      }
    }
    return out;
  }

  /** What each of these series depends on ({@code series_dependency}), by id: series to its dependencies' ids. */
  public Map<Long, List<Long>> dependencies(List<Long> seriesIds) throws SQLException {
    return links(seriesIds, "series_id", "depends_on_id");
  }

  /** The series depending on each of these series, by id: series to its dependents' ids. */
  public Map<Long, List<Long>> dependents(List<Long> seriesIds) throws SQLException {
    return links(seriesIds, "depends_on_id", "series_id");
  }

  private Map<Long, List<Long>> links(List<Long> seriesIds, String from, String to) throws SQLException {
    Map<Long, List<Long>> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT " + from + ", " + to
        + " FROM series_dependency WHERE " + from + " = ANY (?::bigint[]) ORDER BY " + from + ", " + to)) {
      ps.setArray(1, connection.createArrayOf("bigint", seriesIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }
      }
    }
    return out;
  }

  private static SeriesRow row(ResultSet rs) throws SQLException {
    return new SeriesRow(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("date").toLocalDateTime(),
        rs.getInt("version"), rs.getInt("total"), ProjectRow.read(rs, "pr_"), SubmitterRow.read(rs, "s_"),
        SubmissionRow.readNullable(rs, "c_"));
  }
}
