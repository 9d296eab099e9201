package org.patchpipe.store.api.series;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedSeries;

/**
 * The other revisions of each series of a page, from the {@code series_revision} links the
 * {@code commits} module makes ({@code patchpipe revisions link}): every series reachable through
 * older or newer links, oldest first. A series never linked has none, and then the API leaves its
 * {@code related} key out, so unlinked series render exactly as Patchwork's.
 */
final class SeriesRevisions {
  private SeriesRevisions() {}

  static Map<Long, List<EmbeddedSeries>> of(Connection connection, List<Long> ids, Urls urls) throws SQLException {
    Map<Long, List<EmbeddedSeries>> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "WITH RECURSIVE chain(origin, id) AS ("
            + " SELECT s, s FROM unnest(?::bigint[]) AS s"
            + " UNION SELECT c.origin, CASE WHEN r.series_id = c.id THEN r.previous_id ELSE r.series_id END"
            + " FROM chain c JOIN series_revision r ON r.series_id = c.id OR r.previous_id = c.id)"
            + " SELECT c.origin, " + EmbeddedSeries.columns("se", "r_") + ", pr.linkname"
            + " FROM chain c JOIN series se ON se.id = c.id JOIN project pr ON pr.id = se.project_id"
            + " WHERE c.id <> c.origin ORDER BY c.origin, se.date, se.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong("origin"), k -> new ArrayList<>())
              .add(EmbeddedSeries.readNullable(rs, "r_", rs.getString("linkname"), urls));
        }
      }
    }
    return out;
  }
}
