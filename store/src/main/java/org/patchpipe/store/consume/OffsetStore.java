package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code consumer_offset} table: per partition, the next offset the store will read. Written in
 * the same transaction as the rows those offsets produced, read back on start to seek. Stateless;
 * runs on the caller's connection and transaction.
 */
final class OffsetStore {
  private final String consumerName;

  OffsetStore(String consumerName) {
    this.consumerName = consumerName;
  }

  /** The committed next offsets of {@code topic}'s partitions (absent: never consumed). */
  Map<TopicPartition, Long> read(Connection c, String topic) throws SQLException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT partition, next_offset FROM consumer_offset WHERE consumer = ? AND topic = ?")) {
      ps.setString(1, consumerName);
      ps.setString(2, topic);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          offsets.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
        }
      }
    }
    return offsets;
  }

  /** Records {@code next} as the next offsets to read, in the caller's transaction. */
  void write(Connection c, Map<TopicPartition, Long> next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO consumer_offset (consumer, topic, partition, next_offset) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (consumer, topic, partition) DO UPDATE SET next_offset = excluded.next_offset,"
            + " updated = now() AT TIME ZONE 'UTC'")) {
      for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
        ps.setString(1, consumerName);
        ps.setString(2, e.getKey().topic());
        ps.setInt(3, e.getKey().partition());
        ps.setLong(4, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
