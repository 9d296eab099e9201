package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code consumer_offset} table: per partition, the next offset the store will read. Written in
 * the same transaction as the rows those offsets produced, read back on start to seek. Stateless;
 * runs on the caller's connection and transaction.
 *
 * <p>A write is also the fence against a stale batch: it moves a partition's offset only if the
 * stored one is not past the batch's first event there. A batch read before this store lost its
 * session (a standby took over and stored the same events meanwhile) is refused, as a
 * serialization failure (SQLState 40001), so the consumer rolls back and reads from the stored
 * offsets; the writer lock makes this rare, the fence makes it harmless.
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

  /** Whether the {@code stored} next offsets are past every one of {@code records}: they were stored. */
  static boolean covers(Map<TopicPartition, Long> stored, List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Long next = stored.get(new TopicPartition(record.topic(), record.partition()));
      if (next == null || next <= record.offset()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records the offsets after {@code records} as the next to read, in the caller's transaction.
   *
   * @throws SQLException with SQLState 40001 if a partition's stored offset is already past its
   *     first record here (another session stored them); the caller rolls back
   */
  void write(Connection c, List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
    Map<TopicPartition, long[]> ranges = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      long[] range = ranges.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
          tp -> new long[] {record.offset(), record.offset()});
      range[0] = Math.min(range[0], record.offset());
      range[1] = Math.max(range[1], record.offset());
    }
    List<Map.Entry<TopicPartition, long[]>> entries = List.copyOf(ranges.entrySet());
    int[] updated;
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO consumer_offset (consumer, topic, partition, next_offset) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (consumer, topic, partition) DO UPDATE SET next_offset = excluded.next_offset,"
            + " updated = now() AT TIME ZONE 'UTC' WHERE consumer_offset.next_offset <= ?")) {
      for (Map.Entry<TopicPartition, long[]> e : entries) {
        ps.setString(1, consumerName);
        ps.setString(2, e.getKey().topic());
        ps.setInt(3, e.getKey().partition());
        ps.setLong(4, e.getValue()[1] + 1);
        ps.setLong(5, e.getValue()[0]);
        ps.addBatch();
      }
      updated = ps.executeBatch();
    }
    for (int i = 0; i < updated.length; i++) {
      if (updated[i] == 0) {
        TopicPartition tp = entries.get(i).getKey();
        throw new SQLException("the stored offset of " + tp + " for '" + consumerName + "' is past "
            + entries.get(i).getValue()[0] + ": another store consumed these events; reading from the stored offsets",
            "40001");
      }
    }
  }
}
