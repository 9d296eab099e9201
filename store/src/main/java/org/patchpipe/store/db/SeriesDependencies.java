package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.DependsOn;

/**
 * R10.5's lookups and {@code series_dependency} rows: the dependencies a batch's patches and cover
 * letters name ({@link DependsOn}), held until the batch's rows are written and then resolved
 * against every project (a series by id; the series of the earliest-dated patch with a Message-ID;
 * for a bare Message-ID that no patch has, the series of the earliest cover letter with it), kept
 * where they name another series of the same project. Patchwork adds them as each mail is
 * parsed; resolving at the end of the batch differs only where a later mail of the same batch is
 * an earlier-dated patch with the same Message-ID. Not thread-safe; shares the journal's
 * connection and transaction.
 */
final class SeriesDependencies {
  private static final String SERIES_PROJECT = "SELECT project_id FROM series WHERE id = ?";
  private static final String PATCH_SERIES =
      "SELECT series_id FROM patch WHERE msgid = ? ORDER BY date, id LIMIT 1";
  private static final String COVER_SERIES = "SELECT s.id FROM cover c LEFT JOIN series s ON s.cover_letter_id = c.id"
      + " WHERE c.msgid = ? ORDER BY c.date, c.id LIMIT 1";
  private static final String INSERT = "INSERT INTO series_dependency (series_id, depends_on_id) VALUES (?, ?)"
      + " ON CONFLICT DO NOTHING";

  /** One mail's dependencies, for its series. */
  private record Found(long seriesId, long projectId, List<DependsOn.Dependency> dependencies) {}

  private final StatementCache sql;
  private final List<Found> pending = new ArrayList<>();

  SeriesDependencies(StatementCache sql) {
    this.sql = sql;
  }

  void add(long seriesId, long projectId, List<DependsOn.Dependency> dependencies) {
    pending.add(new Found(seriesId, projectId, List.copyOf(dependencies)));
  }

  /** Resolves and writes what was added since the last call; call once the batch's rows are written. */
  void flush() throws SQLException {
    for (Found found : pending) {
      for (DependsOn.Dependency dependency : found.dependencies()) {
        Optional<Long> target = resolve(dependency);
        if (target.isPresent() && target.get() != found.seriesId()
            && projectOf(target.get()).filter(p -> p == found.projectId()).isPresent()) {
          PreparedStatement ps = sql.get(INSERT);
          ps.setLong(1, found.seriesId());
          ps.setLong(2, target.get());
          ps.executeUpdate();
        }
      }
    }
    pending.clear();
  }

  private Optional<Long> resolve(DependsOn.Dependency dependency) throws SQLException {
    if (dependency instanceof DependsOn.SeriesId s) {
      return projectOf(s.id()).map(p -> s.id());
    }
    if (dependency instanceof DependsOn.PatchPage p) {
      return first(PATCH_SERIES, p.msgid()).orElse(Optional.empty());
    }
    String msgid = ((DependsOn.MessageId) dependency).msgid();
    // A patch with the Message-ID decides, even one in no series: covers are then not consulted.
    Optional<Optional<Long>> patch = first(PATCH_SERIES, msgid);
    return patch.isPresent() ? patch.get() : first(COVER_SERIES, msgid).orElse(Optional.empty());
  }

  private Optional<Long> projectOf(long seriesId) throws SQLException {
    return first(SERIES_PROJECT, seriesId).orElse(Optional.empty());
  }

  /** The first row's single column: empty for no row, an empty inner value for a row holding null. */
  private Optional<Optional<Long>> first(String query, Object key) throws SQLException {
    PreparedStatement ps = sql.get(query);
    ps.setObject(1, key);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      long value = rs.getLong(1);
      return Optional.of(rs.wasNull() ? Optional.empty() : Optional.of(value));
    }
  }
}
