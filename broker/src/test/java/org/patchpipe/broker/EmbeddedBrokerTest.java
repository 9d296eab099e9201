package org.patchpipe.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
  @TempDir Path dir;

  @Test
  void keepsCommittedTransactionsAcrossARestartOnTheSamePort() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir))) {
      int port = broker.port();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
      }
      Properties p = new Properties();
      p.put("bootstrap.servers", broker.bootstrapServers());
      p.put("transactional.id", "test-tx");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k", "committed"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k", "aborted"));
        producer.abortTransaction();
      }
      broker.restart();
      assertEquals(port, broker.port());
      assertTrue(broker.isRunning());
      assertEquals(List.of("committed"), readCommitted(broker.bootstrapServers()));
    }
    try (EmbeddedBroker again = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir))) {
      assertEquals(List.of("committed"), readCommitted(again.bootstrapServers()));
    }
  }

  static List<String> readCommitted(String bootstrap) {
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("t", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<String> values = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (consumer.position(tp) < consumer.endOffsets(List.of(tp)).get(tp) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }
}
