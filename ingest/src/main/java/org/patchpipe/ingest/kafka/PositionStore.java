package org.patchpipe.ingest.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.EventFormatException;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;

/**
 * Reads back the last committed {@link Position} of each source from the compacted positions topic,
 * read_committed, so a replay resumes right after the last message whose transaction committed.
 *
 * <pre>{@code
 * Optional<Position> after = new PositionStore(bootstrap, Topics.DEFAULT).committed(source.id());
 * }</pre>
 *
 * <p>Read it AFTER creating the {@link KafkaPublisher} with the same transactional id: that aborts
 * a killed predecessor's open transaction, which would otherwise hold the read_committed end of
 * the topic back until it times out. Stateless; each call reads the topic (it holds one record per
 * source after compaction). Throws {@link PublishException} when Kafka cannot be read within a
 * minute; a value that is not a position is skipped as if never written.
 */
public final class PositionStore {
  private final String bootstrapServers;
  private final Topics topics;
  private final EventCodec codec = new EventCodec();

  public PositionStore(String bootstrapServers, Topics topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
  }

  /** The committed position of {@code sourceId}, or empty if it was never published. */
  public Optional<Position> committed(String sourceId) {
    return Optional.ofNullable(all().get(sourceId));
  }

  /** Every source's committed position. */
  public Map<String, Position> all() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("default.api.timeout.ms", "60000");
    Map<String, Position> positions = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topics.positions());
      if (partitions == null || partitions.isEmpty()) {
        return positions;
      }
      List<TopicPartition> assigned =
          partitions.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new PublishException(
              "could not read " + topics.positions() + " to its end within 60 s", null);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() == null) {
            continue;
          }
          String source = new String(record.key(), UTF_8);
          if (record.value() == null) {
            positions.remove(source);
            continue;
          }
          try {
            positions.put(source, codec.decodePosition(record.value()));
          } catch (EventFormatException e) {
            // A foreign or corrupt value: the previous position for this source stands.
          }
        }
      }
      return positions;
    } catch (KafkaException e) {
      throw new PublishException(
          "cannot read committed positions from " + topics.positions() + " at " + bootstrapServers
              + ": " + e.getMessage(), e);
    }
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
