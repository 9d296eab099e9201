package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Row ids taken from each table's identity sequence in blocks, so that new rows know their id
 * before they are written (and can be written in a batch). Ids keep increasing in creation order,
 * as Patchwork's do; a block left unused when the store stops leaves a gap, as a rolled-back insert
 * would. Not thread-safe: one per connection.
 */
final class IdBlocks {
  private static final int BLOCK = 128;

  private final StatementCache sql;
  private final Map<String, ArrayDeque<Long>> free = new HashMap<>();

  IdBlocks(StatementCache sql) {
    this.sql = sql;
  }

  long next(String table) throws SQLException {
    ArrayDeque<Long> ids = free.computeIfAbsent(table, t -> new ArrayDeque<>());
    if (ids.isEmpty()) {
      PreparedStatement ps = sql.get(
          "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, " + BLOCK + ") ORDER BY 1");
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids.poll();
  }
}
