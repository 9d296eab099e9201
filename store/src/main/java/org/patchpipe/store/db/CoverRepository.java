package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cover letters ({@code cover}) as the API lists and shows them, with what they embed: project,
 * submitter, and the series they open. The consumer writes them as mail arrives. Runs on the
 * caller's connection; fails with {@link SQLException}.
 */
public final class CoverRepository {
  /** A cover letter; {@code series} null if none; {@code headers} and {@code content} only when found by id. */
  public record CoverRow(long id, String msgid, LocalDateTime date, String name, ProjectRow project,
      SubmitterRow submitter, SeriesRefRow series, String headers, String content) {}

  /**
   * Patchwork's cover list filters: projects by id or link name, series by id, submitters by id
   * or email (each value must name a row, else nothing matches), the Message-ID without angle
   * brackets, the date bounds and the search {@code q}; null or empty where not asked.
   */
  public record CoverFilter(List<String> projects, List<String> series, List<String> submitters, String msgid,
      String since, String before, String q) {}

  private static final String FROM = " FROM cover c"
      + " JOIN project pr ON pr.id = c.project_id"
      + " JOIN person s ON s.id = c.submitter_id"
      + " LEFT JOIN series se ON se.cover_letter_id = c.id";
  private static final String SELECT = "SELECT c.id, c.msgid, c.date, c.name, "
      + ProjectRow.columns("pr", "pr_") + ", " + SubmitterRow.columns("s", "s_") + ", "
      + SeriesRefRow.columns("se", "se_");
  private static final Ordering ORDERING = new Ordering(
      Map.of("id", "c.id", "name", "c.name", "date", "c.date", "submitter", "c.submitter_id"), "id");

  private final Connection connection;

  public CoverRepository(Connection connection) {
    this.connection = connection;
  }

  /** The cover letters matching {@code filter}, in {@code order} (null: by id). */
  public ListQuery<CoverRow> list(CoverFilter filter, String order) throws SQLException {
    SqlFilter f = new SqlFilter();
    f.choice(connection, "c.project_id", filter.projects(), "project", "linkname", v -> v);
    f.choice(connection, "se.id", filter.series(), "series", null, v -> v);
    f.choice(connection, "c.submitter_id", filter.submitters(), "person", "email", v -> v);
    if (filter.msgid() != null) {
      f.where("c.msgid = ?", "<" + filter.msgid() + ">");
    }
    f.dates(filter.since(), filter.before(), "c.date");
    f.search(filter.q(), "c.name");
    return new ListQuery<>("SELECT count(*)" + FROM, SELECT + FROM, f, ORDERING.sql(order, "c.id"),
        rs -> row(rs, null, null));
  }

  /** The cover letter with this id, with its headers and content, if it exists. */
  public Optional<CoverRow> find(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SELECT + ", c.headers, c.content" + FROM + " WHERE c.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs, rs.getString("headers"), rs.getString("content"))) : Optional.empty();
      }
    }
  }

  private static CoverRow row(ResultSet rs, String headers, String content) throws SQLException {
    return new CoverRow(rs.getLong("id"), rs.getString("msgid"), rs.getTimestamp("date").toLocalDateTime(),
        rs.getString("name"), ProjectRow.read(rs, "pr_"), SubmitterRow.read(rs, "s_"),
        SeriesRefRow.readNullable(rs, "se_"), headers, content);
  }
}
