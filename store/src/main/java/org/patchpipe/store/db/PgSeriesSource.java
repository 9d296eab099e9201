package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.SeriesSource;
import org.patchpipe.parser.series.SeriesState.Person;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.parser.series.SeriesState.StoredCover;
import org.patchpipe.parser.series.SeriesState.StoredPatch;

/**
 * What the working set knows of PostgreSQL's rows: a project's series, covers, patches with their
 * tag totals, comments, series references and pending replies, read once when the project's first
 * mail arrives (a store restarted in the middle of a series carries on where it stopped); persons
 * and cover names, matched across projects, one query each when memory does not know them. Not
 * thread-safe: shares its caller's connection and transaction.
 */
final class PgSeriesSource implements SeriesSource {
  private final StatementCache sql;
  private final ParsedMailJson json = new ParsedMailJson();

  PgSeriesSource(StatementCache sql) {
    this.sql = sql;
  }

  @Override
  public void loadProject(long projectId, InMemorySeriesState into) {
    SqlWork.unchecked(() -> {
      // Parents before children: restoring a comment or a patch's series needs them held.
      try (ResultSet rs = query("SELECT id, project_id, date, submitter_id, version, total, name, cover_letter_id"
          + " FROM series WHERE project_id = ? ORDER BY id", projectId)) {
        while (rs.next()) {
          into.restore(new Series(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDateTime.class),
              rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getObject(8, Long.class)));
        }
      }
      try (ResultSet rs = query("SELECT c.id, c.project_id, c.msgid, c.name, s.id FROM cover c"
          + " LEFT JOIN series s ON s.cover_letter_id = c.id WHERE c.project_id = ? ORDER BY c.id", projectId)) {
        while (rs.next()) {
          into.restore(new StoredCover(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getObject(5, Long.class)));
        }
      }
      try (ResultSet rs = query("SELECT p.id, p.project_id, p.msgid, p.name, p.series_id, p.number,"
          + " coalesce(t.acked, 0), coalesce(t.reviewed, 0), coalesce(t.tested, 0) FROM patch p LEFT JOIN"
          + " (SELECT patch_id, sum(count) FILTER (WHERE tag_id = 1) acked, sum(count) FILTER (WHERE tag_id = 2)"
          + " reviewed, sum(count) FILTER (WHERE tag_id = 3) tested FROM patch_tag GROUP BY patch_id) t"
          + " ON t.patch_id = p.id WHERE p.project_id = ? ORDER BY p.id", projectId)) {
        while (rs.next()) {
          into.restore(new StoredPatch(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getObject(5, Long.class), rs.getObject(6, Integer.class)),
              new Tags(rs.getInt(7), rs.getInt(8), rs.getInt(9)));
        }
      }
      for (boolean onCover : new boolean[] {false, true}) {
        String parent = onCover ? "cover" : "patch";
        try (ResultSet rs = query("SELECT m.id, m." + parent + "_id, m.msgid, m.date FROM " + parent + "_comment m"
            + " JOIN " + parent + " x ON x.id = m." + parent + "_id WHERE x.project_id = ? ORDER BY m.id", projectId)) {
          while (rs.next()) {
            into.restoreComment(onCover, rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getObject(4, LocalDateTime.class));
          }
        }
      }
      try (ResultSet rs = query("SELECT msgid, series_id FROM series_reference WHERE project_id = ?", projectId)) {
        while (rs.next()) {
          into.restoreReference(projectId, rs.getString(1), rs.getLong(2));
        }
      }
      PendingReplies.load(sql, json, projectId).forEach(into::restore);
      return null;
    });
  }

  @Override
  public Optional<Person> findPerson(String email) {
    return SqlWork.unchecked(() -> {
      try (ResultSet rs = query("SELECT id, email, name FROM person WHERE lower(email) = lower(?) ORDER BY id", email)) {
        return rs.next() ? Optional.of(new Person(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
      }
    });
  }

  @Override
  public boolean coverNameExists(String name) {
    return SqlWork.unchecked(() -> {
      try (ResultSet rs = query("SELECT 1 FROM cover WHERE name = ? LIMIT 1", name)) {
        return rs.next();
      }
    });
  }

  private ResultSet query(String statement, Object arg) throws SQLException {
    PreparedStatement ps = sql.get(statement);
    ps.setObject(1, arg);
    return ps.executeQuery();
  }
}
