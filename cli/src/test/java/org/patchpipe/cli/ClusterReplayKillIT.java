package org.patchpipe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.testing.KraftCluster;
import org.patchpipe.broker.testing.KraftClusterExtension;
import org.patchpipe.event.Topics;

/**
 * {@code patchpipe replay} in a real process against a real 3-node KRaft cluster (every topic
 * with 3 replicas and {@code min.insync.replicas} 2): the broker leading the events partition the
 * list's mail goes to is killed with SIGKILL in the middle of the replay. The replay carries on
 * through the failover and exits 0; after the killed broker is back, a read_committed consumer
 * finds every mail exactly once on the raw and events topics, and the same replay run again
 * publishes nothing (the committed position survived the failover).
 */
class ClusterReplayKillIT {
  private static final String PREFIX = "ckill.";
  private static final String LIST_ID = "cluster.example.org";
  private static final int TOTAL = 4000;

  @RegisterExtension static final KraftClusterExtension KRAFT = new KraftClusterExtension(3);
  @TempDir Path dir;

  @Test
  void killDashNineOfTheLeaderMidReplayLosesAndDuplicatesNothing() throws Exception {
    KraftCluster cluster = KRAFT.cluster();
    Topics topics = replicatedTopics(cluster, PREFIX);
    Path mbox = ReplayCommandIT.writeMbox(dir.resolve("list.mbox"), TOTAL, LIST_ID);
    List<String> args = List.of("replay", "--bootstrap-servers", cluster.bootstrapServers(),
        "--topic-prefix", PREFIX, "--batch-messages", "20", "--parser-threads", "1", "--log-format", "json",
        mbox.toString());

    Process replay = PatchpipeProcess.start(dir.resolve("replay.log"), args);
    int killed;
    long killedAt;
    long committedAtKill;
    int newLeader;
    try (CommittedCounter counter = new CommittedCounter(cluster.bootstrapServers(), topics.events());
        ProgressSampler progress = ProgressSampler.start(counter::count, TOTAL)) {
      assertTrue(progress.awaitAtLeast(TOTAL / 5, 90_000), "no progress: " + Files.readString(dir.resolve("replay.log")));
      int partition = counter.busiestPartition();
      killed = cluster.leader(topics.events(), partition);
      committedAtKill = progress.latest();
      assertTrue(replay.isAlive() && committedAtKill < TOTAL, "the replay finished before the kill");
      killedAt = System.nanoTime();
      cluster.kill(killed);
      newLeader = cluster.awaitLeaderOtherThan(topics.events(), partition, killed, Duration.ofSeconds(60));
      long electedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

      String out = new String(replay.getInputStream().readAllBytes(), UTF_8);
      assertTrue(replay.waitFor(120, TimeUnit.SECONDS), "replay still running 2 minutes after the kill");
      assertEquals(ExitCodes.OK, replay.exitValue(), out + Files.readString(dir.resolve("replay.log")));
      String[] lines = out.strip().split("\n");
      JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
      assertTrue(progress.awaitAtLeast(TOTAL, 60_000), "committed " + progress.latest() + " of " + TOTAL);
      System.out.printf("cluster replay kill: node %d (leader of %s-%d) killed after %d of %d committed;"
              + " node %d elected after %d ms; longest stall of committed progress %d ms;"
              + " transactions sent again %d%n",
          killed, topics.events(), partition, committedAtKill, TOTAL, newLeader, electedMillis,
          progress.longestStallMillis(), summary.get("retries").asLong());
    }

    cluster.restart(killed);
    cluster.awaitFullyInSync(topics.events(), Duration.ofSeconds(60));
    cluster.awaitFullyInSync(topics.raw(), Duration.ofSeconds(60));
    cluster.awaitFullyInSync(topics.positions(), Duration.ofSeconds(60));
    assertExactlyOnce(cluster, topics.events());
    assertExactlyOnce(cluster, topics.raw());

    ReplayCommandIT.Run again = ReplayCommandIT.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertEquals(0, again.summary().get("messages").asInt(), "the committed position survived the failover");
  }

  /**
   * Creates patchpipe's four topics for {@code --topic-prefix prefix} with a replica on every node
   * and {@code min.insync.replicas} 2 before {@code replay} runs ({@code replay} alone would create
   * them with one replica, and leaves the layout of existing topics alone).
   */
  static Topics replicatedTopics(KraftCluster cluster, String prefix) {
    Topics topics = ReplayCommand.topics(prefix, 3);
    for (String name : topics.names()) {
      cluster.createTopic(name, topics.partitionsOf(name));
    }
    return topics;
  }

  /** Every generated mail exactly once on {@code topic}: no source position, no Message-ID twice. */
  private static void assertExactlyOnce(KraftCluster cluster, String topic) {
    CommittedRecords committed = CommittedRecords.read(cluster.bootstrapServers(), topic, TOTAL, Duration.ofSeconds(60));
    Set<String> keys = new HashSet<>();
    committed.records().forEach(r -> keys.add(r.key() == null ? null : new String(r.key(), UTF_8)));
    int lost = TOTAL - committed.positions().size();
    int duplicated = committed.size() - committed.positions().size();
    assertEquals(0, lost, topic + ": lost");
    assertEquals(0, duplicated, topic + ": duplicated");
    assertEquals(TOTAL, committed.size(), topic);
    if (topic.endsWith(".raw")) {
      assertEquals(TOTAL, keys.size(), "every Message-ID once on " + topic);
    }
  }

  /** Counts what a read_committed consumer sees on a topic, one poll per call (one thread). */
  static final class CommittedCounter implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> perPartition = new java.util.concurrent.ConcurrentHashMap<>();
    private long count;

    CommittedCounter(String bootstrap, String topic) {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      p.put("isolation.level", "read_committed");
      consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    long count() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        count++;
        perPartition.merge(r.partition(), 1L, Long::sum);
      }
      return count;
    }

    /** The partition with the most records so far (the list's, as events are keyed by list id). */
    int busiestPartition() {
      return perPartition.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
