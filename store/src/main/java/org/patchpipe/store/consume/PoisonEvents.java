package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@code poison_event} table: events set aside because of their data, and the requests to try
 * them again. Stateless; every method runs on the caller's connection and in the caller's
 * transaction (it neither commits nor rolls back).
 *
 * <p>Only the consumer writes events: {@link #requestRetry} merely marks rows {@code retrying},
 * and the running store (the single writer, under its advisory lock) picks them up, writes each
 * again and marks it {@code stored} in the same transaction, or {@code failed} with the new reason.
 * That is why a retried event that now succeeds is stored exactly once.
 */
public final class PoisonEvents {
  private static final String COLUMNS = "id, consumer, topic, partition, \"offset\", key, value, reason, sqlstate,"
      + " first_failed, state, retried";

  private PoisonEvents() {}

  /** Every set-aside event, oldest first. */
  public static List<PoisonEvent> list(Connection c) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM poison_event ORDER BY id", null);
  }

  /**
   * Asks the consumer to retry the given rows (those {@code pending} or {@code failed}); returns the
   * ids marked {@code retrying}.
   */
  public static List<Long> requestRetry(Connection c, List<Long> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE poison_event SET state = 'retrying'"
        + " WHERE id = ANY (?) AND state IN ('pending', 'failed') RETURNING id")) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      return ids(ps);
    }
  }

  /** Asks the consumer to retry every row {@code pending} or {@code failed}; returns their ids. */
  public static List<Long> requestRetryAll(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE poison_event SET state = 'retrying' WHERE state IN ('pending', 'failed') RETURNING id")) {
      return ids(ps);
    }
  }

  private static List<Long> ids(PreparedStatement ps) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    ids.sort(null);
    return ids;
  }

  /** The rows of {@code consumer} waiting for a retry, oldest first. */
  static List<PoisonEvent> retrying(Connection c, String consumer) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM poison_event WHERE consumer = ? AND state = 'retrying'"
        + " ORDER BY id", consumer);
  }

  /** Records {@code record} as set aside by {@code consumer} because of {@code reason}. */
  static void setAside(Connection c, String consumer, ConsumerRecord<byte[], byte[]> record, String reason,
      String sqlState) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO poison_event"
        + " (consumer, topic, partition, \"offset\", key, value, reason, sqlstate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (consumer, topic, partition, \"offset\") DO UPDATE SET reason = excluded.reason,"
        + " sqlstate = excluded.sqlstate, state = 'pending'")) {
      ps.setString(1, consumer);
      ps.setString(2, record.topic());
      ps.setInt(3, record.partition());
      ps.setLong(4, record.offset());
      ps.setBytes(5, record.key());
      ps.setBytes(6, record.value());
      ps.setString(7, storable(reason));
      ps.setString(8, sqlState);
      ps.executeUpdate();
    }
  }

  /** Marks a retried row {@code stored}, or {@code failed} with the new reason if {@code reason} is not null. */
  static void resolve(Connection c, long id, String reason, String sqlState) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(reason == null
        ? "UPDATE poison_event SET state = 'stored', retried = now() AT TIME ZONE 'UTC' WHERE id = ?"
        : "UPDATE poison_event SET state = 'failed', retried = now() AT TIME ZONE 'UTC', reason = ?, sqlstate = ?"
            + " WHERE id = ?")) {
      if (reason == null) {
        ps.setLong(1, id);
      } else {
        ps.setString(1, storable(reason));
        ps.setString(2, sqlState);
        ps.setLong(3, id);
      }
      ps.executeUpdate();
    }
  }

  /**
   * The reason as one line PostgreSQL and a record header accept: it may quote the refused data,
   * NUL included, so NUL is spelled out and the length bounded.
   */
  static String storable(String reason) {
    String r = (reason == null ? "unknown failure" : reason).replace("\u0000", "\\0")
        .replaceAll("\\s*\\R\\s*", " ").strip();
    return r.length() > 2000 ? r.substring(0, 2000) + "..." : r;
  }

  private static List<PoisonEvent> query(Connection c, String sql, String consumer) throws SQLException {
    List<PoisonEvent> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (consumer != null) {
        ps.setString(1, consumer);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp retried = rs.getTimestamp(12);
          rows.add(new PoisonEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
              rs.getBytes(6), rs.getBytes(7), rs.getString(8), rs.getString(9),
              rs.getTimestamp(10).toLocalDateTime(), PoisonEvent.State.ofSql(rs.getString(11)),
              retried == null ? null : retried.toLocalDateTime()));
        }
      }
    }
    return rows;
  }
}
