package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Row ids taken from each table's identity sequence ahead of the insert, so that new rows know
 * their id before they are written (and can wait in a batch). One at a time by default (ids then
 * run without gaps, as Patchwork's do); in blocks behind the consumer's cache, where a block left
 * unused when the store stops leaves a gap, as a rolled-back insert would. Ids always increase in
 * creation order. Not thread-safe: one per connection.
 */
final class IdBlocks {
  private final StatementCache sql;
  private int block = 1;
  private final Map<String, ArrayDeque<Long>> free = new HashMap<>();

  IdBlocks(StatementCache sql) {
    this.sql = sql;
  }

  /** Takes ids {@code size} at a time from now on (1: one round trip per row, no gaps). */
  void blockSize(int size) {
    this.block = size;
  }

  long next(String table) throws SQLException {
    ArrayDeque<Long> ids = free.computeIfAbsent(table, t -> new ArrayDeque<>());
    if (ids.isEmpty()) {
      PreparedStatement ps = sql.get(
          "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?) ORDER BY 1");
      ps.setString(1, table);
      ps.setInt(2, block);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids.poll();
  }
}
