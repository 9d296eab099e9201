package org.patchpipe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patchpipe.event.EventHeaders;

/** What a read_committed consumer finds on a topic, for counting in the signal tests. */
record CommittedRecords(List<ConsumerRecord<byte[], byte[]>> records) {
  /**
   * Reads {@code topic} from the beginning until {@code expected} records have arrived (the commit
   * markers reach the partitions a moment after the producer's commit) or {@code timeout} passes,
   * then one second more, so a record published twice would be counted.
   */
  static CommittedRecords read(String bootstrap, String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      if (partitions.isEmpty()) {
        return new CommittedRecords(records); // the topic does not exist yet
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (records.size() >= expected && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return new CommittedRecords(records);
  }

  int size() {
    return records.size();
  }

  /** The distinct source positions: as many as records when none was published twice. */
  Set<String> positions() {
    Set<String> positions = new HashSet<>();
    records.forEach(r -> positions.add(new String(r.headers().lastHeader(EventHeaders.POSITION).value(), UTF_8)));
    return positions;
  }
}
