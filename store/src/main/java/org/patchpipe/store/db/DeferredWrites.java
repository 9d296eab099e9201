package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The journal's writes held in JDBC batches until {@link #flush()}, and then sent in foreign-key
 * order: each statement has a rank, and a table's rows rank after the rows they reference
 * (persons, covers, series, patches, references, comments, tags, pending replies), so one flush
 * costs a round trip per statement, not per row. Statements of equal rank go in the order first
 * used. Not thread-safe: shares its caller's connection.
 */
final class DeferredWrites {
  private final StatementCache sql;
  private final TreeMap<Integer, Set<String>> batched = new TreeMap<>();

  DeferredWrites(StatementCache sql) {
    this.sql = sql;
  }

  /** Adds one execution of {@code statement} with {@code args} to its batch. */
  void add(int rank, String statement, Object... args) throws SQLException {
    PreparedStatement ps = sql.get(statement);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    ps.addBatch();
    batched.computeIfAbsent(rank, r -> new LinkedHashSet<>()).add(statement);
  }

  /** Sends every batch, lowest rank first. */
  void flush() throws SQLException {
    for (Set<String> statements : batched.values()) {
      for (String statement : statements) {
        sql.get(statement).executeBatch();
      }
    }
    batched.clear();
  }
}
