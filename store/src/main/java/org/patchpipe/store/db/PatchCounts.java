package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The patch list's per-row counts, read for one page of patches at once: Patchwork's
 * {@code patch_tags} (Acked-by, Reviewed-by, Tested-by counts from {@code patch_tag}) and
 * {@code patch_checks} (of each patch's newest check per user and context, how many succeeded,
 * warned and failed). Runs on the caller's connection; fails with {@link SQLException}.
 */
public final class PatchCounts {
  /** One patch's counts; a patch without tags or checks has zeros. */
  public record Counts(int acked, int reviewed, int tested, int success, int warning, int fail) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
  }

  private final Connection connection;

  public PatchCounts(Connection connection) {
    this.connection = connection;
  }

  /** The counts of each of these patches, by id; a patch with none is absent. */
  public Map<Long, Counts> of(List<Long> patchIds) throws SQLException {
    Map<Long, Counts> counts = new HashMap<>();
    if (patchIds.isEmpty()) {
      return counts;
    }
    // Tag ids 1, 2, 3 are Patchwork's default tags (V1 seeds them): Acked-by, Reviewed-by, Tested-by.
    String sql = "SELECT i.id, coalesce(t.acked, 0), coalesce(t.reviewed, 0), coalesce(t.tested, 0),"
        + " c.success, c.warning, c.fail"
        + " FROM unnest(?::bigint[]) AS i(id)"
        + " LEFT JOIN LATERAL (SELECT sum(g.count) FILTER (WHERE g.tag_id = 1) acked,"
        + " sum(g.count) FILTER (WHERE g.tag_id = 2) reviewed, sum(g.count) FILTER (WHERE g.tag_id = 3) tested"
        + " FROM patch_tag g WHERE g.patch_id = i.id) t ON true"
        + " LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE n.state = 1) success,"
        + " count(*) FILTER (WHERE n.state = 2) warning, count(*) FILTER (WHERE n.state = 3) fail"
        + " FROM (SELECT DISTINCT ON (k.user_id, k.context) k.state FROM patch_check k WHERE k.patch_id = i.id"
        + " ORDER BY k.user_id, k.context, k.date DESC, k.id DESC) n) c ON true";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setArray(1, connection.createArrayOf("bigint", patchIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Counts c = new Counts(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7));
          if (!c.equals(Counts.NONE)) {
            counts.put(rs.getLong(1), c);
          }
        }
      }
    }
    return counts;
  }
}
