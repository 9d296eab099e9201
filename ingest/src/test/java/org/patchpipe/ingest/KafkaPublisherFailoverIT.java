package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.patchpipe.broker.testing.KraftCluster;
import org.patchpipe.broker.testing.KraftClusterExtension;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.kafka.KafkaPublisher;
import org.patchpipe.ingest.kafka.Publication;
import org.patchpipe.ingest.kafka.PublisherConfig;

/**
 * A transaction whose commit the coordinator completes late, on a real 3-node KRaft cluster: a
 * broker that holds a replica of the transaction log (but none of patchpipe's topics) hangs
 * (SIGSTOP) right after the batch's records are acknowledged and before the commit is sent. The
 * coordinator can log the commit only once that broker is fenced and leaves the in-sync replicas,
 * seconds later; the client's commit times out first ({@code max.block.ms} 2 s). The outcome is
 * then unknown, and the batch must not be sent again in a new transaction: every mail is on the
 * topics exactly once.
 */
class KafkaPublisherFailoverIT {
  /** What the interceptor runs once, on the producer's I/O thread, when a position is acknowledged. */
  static final AtomicReference<Runnable> ON_POSITION_ACK = new AtomicReference<>();

  @RegisterExtension static final KraftClusterExtension KRAFT = new KraftClusterExtension(3);

  @Test
  void aCommitThatTimesOutOnTheClientIsRetriedNotSentAgain() throws Exception {
    KraftCluster cluster = KRAFT.cluster();
    String txId = "late-commit";
    Topics topics = Topics.DEFAULT.withPrefix("late.");
    PublisherConfig config = PublisherConfig.of(cluster.bootstrapServers(), txId).withTopics(topics)
        .withRetryFor(Duration.ofSeconds(90))
        .withProducerOverrides(Map.of("max.block.ms", "2000",
            "interceptor.classes", FreezeOnPositionAck.class.getName()));
    try (KafkaPublisher publisher = new KafkaPublisher(config)) {
      int coordinator = cluster.coordinatorOf(txId);
      int hung = cluster.nodeIds().stream().filter(id -> id != coordinator).findFirst().orElseThrow();
      List<Integer> replicas = new ArrayList<>(cluster.nodeIds());
      replicas.remove(Integer.valueOf(hung));
      for (String name : topics.names()) {
        cluster.createTopic(name, topics.partitionsOf(name), replicas);
      }
      publisher.publish("src", List.of(mail(1)), new Position.MboxOffset(100, 1));

      ON_POSITION_ACK.set(() -> cluster.freeze(hung));
      long started = System.nanoTime();
      try {
        publisher.publish("src", List.of(mail(2)), new Position.MboxOffset(200, 2));
      } finally {
        ON_POSITION_ACK.set(null);
        cluster.thaw(hung);
      }
      System.out.printf("late commit: node %d hung, coordinator %d; the publish took %d ms, %d retries%n",
          hung, coordinator, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), publisher.retries());
    }
    List<String> ids = new ArrayList<>();
    TopicReader.readCommitted(cluster.bootstrapServers(), topics.raw()).forEach(r -> ids.add(new String(r.key(), UTF_8)));
    assertEquals(List.of("<1@example.org>", "<2@example.org>"), ids.stream().sorted().toList(),
        "each mail exactly once");
    assertEquals(2, TopicReader.readCommitted(cluster.bootstrapServers(), topics.events()).size());
  }

  private static Publication.Mail mail(int i) {
    String id = "<" + i + "@example.org>";
    return new Publication.Mail(TestMails.mail(i).getBytes(UTF_8), id, new Position.MboxOffset(i * 100L, i),
        "late.example.org", "patch", ("{\"n\":" + i + "}").getBytes(UTF_8));
  }

  /** Runs {@link #ON_POSITION_ACK} once when the record of the transaction's position is acknowledged. */
  public static final class FreezeOnPositionAck implements ProducerInterceptor<byte[], byte[]> {
    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
      return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
      if (exception == null && metadata != null && metadata.topic().endsWith(".positions")) {
        Runnable action = ON_POSITION_ACK.getAndSet(null);
        if (action != null) {
          action.run();
        }
      }
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
  }
}
