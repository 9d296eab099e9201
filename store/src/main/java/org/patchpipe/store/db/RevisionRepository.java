package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Series revisions ({@code series_revision}: a series is a newer version of another) and what
 * revision linking reads to find them: every series' cover letter and patches, the links already
 * made, and the project's {@code supersede_revisions} choice. Runs on the caller's connection and
 * transaction; fails with {@link SQLException}.
 */
public final class RevisionRepository {
  /** One cover letter or patch of a series, as stored; {@code headers} is the raw header block. */
  public record SeriesMailRow(long seriesId, int version, String submitterEmail, LocalDateTime date,
      String msgid, String name, String headers, String content) {}

  private final Connection connection;

  public RevisionRepository(Connection connection) {
    this.connection = connection;
  }

  /** The cover letters, then the patches, of every series of the project, each by date and id. */
  public List<SeriesMailRow> seriesMails(long projectId) throws SQLException {
    List<SeriesMailRow> mails = new ArrayList<>();
    String select = " s.id, s.version, pe.email, x.date, x.msgid, x.name, x.headers, x.content"
        + " FROM series s JOIN %s x ON %s JOIN person pe ON pe.id = x.submitter_id"
        + " WHERE s.project_id = ? ORDER BY x.date, x.id";
    for (String sql : List.of(
        "SELECT" + String.format(select, "cover", "x.id = s.cover_letter_id"),
        "SELECT" + String.format(select, "patch", "x.series_id = s.id"))) {
      try (PreparedStatement q = connection.prepareStatement(sql)) {
        q.setLong(1, projectId);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            mails.add(new SeriesMailRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
                rs.getTimestamp(4).toLocalDateTime(), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8)));
          }
        }
      }
    }
    return mails;
  }

  /** The series of the project already linked to an earlier revision. */
  public Set<Long> linkedSeries(long projectId) throws SQLException {
    Set<Long> linked = new HashSet<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT r.series_id FROM series_revision r"
        + " JOIN series s ON s.id = r.series_id WHERE s.project_id = ?")) {
      q.setLong(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          linked.add(rs.getLong(1));
        }
      }
    }
    return linked;
  }

  /** Whether the project turns older revisions' patches superseded. */
  public boolean supersedes(long projectId) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement("SELECT supersede_revisions FROM project WHERE id = ?")) {
      q.setLong(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Records that {@code seriesId} is a newer revision of {@code previousId}.
   *
   * @param reason what showed the link, as the column spells it ({@code change-id}, ...)
   * @return false if the series was linked already
   */
  public boolean link(long seriesId, long previousId, String reason) throws SQLException {
    try (PreparedStatement i = connection.prepareStatement(
        "INSERT INTO series_revision (series_id, previous_id, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      i.setLong(1, seriesId);
      i.setLong(2, previousId);
      i.setString(3, reason);
      return i.executeUpdate() > 0;
    }
  }

  /**
   * The series-completed events after {@code afterEventId}: the projects they belong to and the
   * highest event id seen, for a follower that links revisions as series complete.
   */
  public record Completions(long lastEventId, Set<Long> projects) {
    public Completions {
      projects = Set.copyOf(projects);
    }
  }

  /** The projects with a series completed since event {@code afterEventId} (exclusive). */
  public Completions completedAfter(long afterEventId) throws SQLException {
    Set<Long> projects = new LinkedHashSet<>();
    long last = afterEventId;
    try (PreparedStatement q = connection.prepareStatement("SELECT project_id, max(id) FROM event"
        + " WHERE category = 'series-completed' AND id > ? GROUP BY project_id ORDER BY project_id")) {
      q.setLong(1, afterEventId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          projects.add(rs.getLong(1));
          last = Math.max(last, rs.getLong(2));
        }
      }
    }
    return new Completions(last, projects);
  }
}
