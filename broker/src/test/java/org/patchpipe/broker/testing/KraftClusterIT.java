package org.patchpipe.broker.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: three KRaft nodes in their own JVMs; a record acknowledged by all in-sync
 * replicas survives a kill -9 of the partition's leader, another node takes over, and the killed
 * node comes back into sync after a restart. The child JVMs are gone after close.
 */
class KraftClusterIT {
  @Test
  void theLeaderKilledWithSigkillIsReplacedAndRejoinsAfterARestart() throws Exception {
    List<ProcessHandle> nodes;
    try (KraftCluster cluster = KraftCluster.start(3)) {
      nodes = ProcessHandle.current().children().toList();
      assertEquals(3, nodes.size(), "one JVM per node");
      cluster.createTopic("harness", 1);
      assertEquals(3, cluster.inSyncReplicas("harness", 0).size());
      send(cluster, "before");
      int leader = cluster.leader("harness", 0);
      long killed = System.nanoTime();
      cluster.kill(leader);
      int next = cluster.awaitLeaderOtherThan("harness", 0, leader, Duration.ofSeconds(60));
      System.out.printf("harness: leader %d killed, %d leads after %d ms%n", leader, next,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
      assertNotEquals(leader, next);
      send(cluster, "after");
      cluster.restart(leader);
      cluster.awaitFullyInSync("harness", Duration.ofSeconds(60));
      assertEquals(List.of("before", "after"), read(cluster));
    }
    for (ProcessHandle node : nodes) {
      assertTrue(node.onExit().isDone() || !node.isAlive(), "node JVM " + node.pid() + " left running");
    }
  }

  private static void send(KraftCluster cluster, String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all"),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("harness", value)).get(60, TimeUnit.SECONDS);
    }
  }

  private static List<String> read(KraftCluster cluster) {
    Properties p = new Properties();
    p.put("bootstrap.servers", cluster.bootstrapServers());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("harness", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < 2 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
