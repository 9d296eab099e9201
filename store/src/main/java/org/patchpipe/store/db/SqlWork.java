package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A unit of SQL work inside the store's repositories and series-state journal. The series tracker
 * and the API call through interfaces that do not declare {@link SQLException}, so
 * {@link #unchecked} turns it into a {@link StoreException} (which the consumer then classifies as
 * retriable or data by its cause) in exactly one place.
 */
@FunctionalInterface
interface SqlWork<T> {
  T run() throws SQLException;

  /** Runs {@code work}; its {@link SQLException} becomes a {@link StoreException}. */
  static <T> T unchecked(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  /** The id an {@code INSERT ... RETURNING id} statement returns. */
  static long returnedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
