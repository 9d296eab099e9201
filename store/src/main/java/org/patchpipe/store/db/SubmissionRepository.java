package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Patches and cover letters as the site's downloads read them: found by project and Message-ID,
 * read whole with their comments' contents ({@link Submission}), and a series' patches in number
 * order. Runs on the caller's connection; fails with {@link SQLException}.
 */
public final class SubmissionRepository {
  /** Where a patch sits in its series; both null for a patch without one (or without a number). */
  public record SeriesPlace(Long seriesId, Integer number) {}

  private static final String SELECT =
      "SELECT x.id, x.name, x.date, x.headers, x.content, %s AS diff, %s AS delegate_email,"
          + " s.name AS s_name, s.email AS s_email, pr.listemail"
          + " FROM %s x JOIN project pr ON pr.id = x.project_id JOIN person s ON s.id = x.submitter_id %s";

  private final Connection connection;

  public SubmissionRepository(Connection connection) {
    this.connection = connection;
  }

  /** The id of the patch or cover with this Message-ID (angle brackets included) in this project. */
  public Optional<Long> idByMsgid(SubmissionKind kind, String linkName, String msgid) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT x.id FROM " + kind.table()
        + " x JOIN project pr ON pr.id = x.project_id WHERE pr.linkname = ? AND x.msgid = ?")) {
      ps.setString(1, linkName);
      ps.setString(2, msgid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * The id of the patch or cover whose Message-ID, without angle brackets, came as the last part of
   * a page's path (decoded once). Patchwork fails there for msgids containing {@code /} (its links
   * write them as {@code %252F}); the {@code %2F} form is also tried as {@code /} so they resolve.
   */
  public Optional<Long> idByPathMsgid(SubmissionKind kind, String linkName, String pathMsgid) throws SQLException {
    for (String candidate : List.of(pathMsgid, pathMsgid.replace("%2F", "/"))) {
      Optional<Long> id = idByMsgid(kind, linkName, "<" + candidate + ">");
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  /** Where a patch or cover is served: its project's link name and its Message-ID. */
  public record Location(String linkName, String msgid) {}

  /** The project link name and Message-ID of the patch or cover with this id, if it exists. */
  public Optional<Location> location(SubmissionKind kind, long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pr.linkname, x.msgid FROM " + kind.table()
        + " x JOIN project pr ON pr.id = x.project_id WHERE x.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Location(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  /** The patch or cover with this id, with its comments' contents in date order, if it exists. */
  public Optional<Submission> find(SubmissionKind kind, long id) throws SQLException {
    String sql = kind == SubmissionKind.PATCH
        ? String.format(SELECT, "x.diff", "d.email", "patch", "LEFT JOIN auth_user d ON d.id = x.delegate_id")
        : String.format(SELECT, "NULL", "NULL", "cover", "");
    try (PreparedStatement ps = connection.prepareStatement(sql + " WHERE x.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        List<String> comments = new ArrayList<>();
        try (PreparedStatement cs = connection.prepareStatement(
            "SELECT content FROM " + kind.commentTable() + " WHERE " + kind.commentColumn() + " = ? ORDER BY date, id")) {
          cs.setLong(1, id);
          try (ResultSet c = cs.executeQuery()) {
            while (c.next()) {
              comments.add(c.getString(1));
            }
          }
        }
        return Optional.of(new Submission(
            rs.getLong("id"), rs.getString("name"), rs.getTimestamp("date").toLocalDateTime(),
            rs.getString("s_name"), rs.getString("s_email"), rs.getString("delegate_email"),
            rs.getString("headers"), rs.getString("content"), rs.getString("diff"),
            rs.getString("listemail"), comments));
      }
    }
  }

  /** The series and number of an existing patch. */
  public SeriesPlace place(long patchId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT series_id, number FROM patch WHERE id = ?")) {
      ps.setLong(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long s = rs.getLong(1);
        Long seriesId = rs.wasNull() ? null : s;
        int n = rs.getInt(2);
        return new SeriesPlace(seriesId, rs.wasNull() ? null : n);
      }
    }
  }

  /** The name of the series with this id, if it exists (the name itself may be null). */
  public Optional<Optional<String>> seriesName(long seriesId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM series WHERE id = ?")) {
      ps.setLong(1, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Optional.ofNullable(rs.getString(1))) : Optional.empty();
      }
    }
  }

  /** The ids of the series' patches numbered below {@code below} (null: all), by number and id. */
  public List<Long> seriesPatchIds(long seriesId, Integer below) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM patch WHERE series_id = ?"
        + (below == null ? "" : " AND number < " + below) + " ORDER BY number, id")) {
      ps.setLong(1, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }
}
