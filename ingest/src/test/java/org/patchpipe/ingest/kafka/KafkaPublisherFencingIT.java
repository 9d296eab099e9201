package org.patchpipe.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;

/**
 * A publisher whose transactional id another publisher took over fails with the fenced type, the
 * one callers tell apart from other Kafka failures; the newer publisher's position is what counts.
 */
class KafkaPublisherFencingIT {
  @TempDir Path brokerDir;

  @Test
  void theReplacedPublisherIsFencedAndSaysWhichId() {
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(brokerDir))) {
      Topics topics = Topics.DEFAULT.withPrefix("fencing.");
      new TopicCreator(Map.of("bootstrap.servers", broker.bootstrapServers())).ensure(topics);
      PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), "fencing-test")
          .withTopics(topics).withRetryFor(Duration.ofSeconds(20));
      Position.MboxOffset first = new Position.MboxOffset(100, 1);
      Position.MboxOffset second = new Position.MboxOffset(200, 2);
      try (KafkaPublisher old = new KafkaPublisher(config)) {
        old.publish("src", List.of(), first);
        try (KafkaPublisher replacement = new KafkaPublisher(config)) {
          PublisherFencedException fenced =
              assertThrows(PublisherFencedException.class, () -> old.publish("src", List.of(), second));
          assertTrue(fenced.getMessage().contains("transactional id 'fencing-test'"), fenced.getMessage());
          replacement.publish("src", List.of(), second);
        }
      }
      // Read as a resuming publisher does, after taking the id over: commitTransaction returns before
      // the commit markers are written, and only the next initTransactions waits for them.
      try (KafkaPublisher resumed = new KafkaPublisher(config)) {
        Optional<Position> committed = new PositionStore(broker.bootstrapServers(), topics).committed("src");
        assertEquals(Optional.of(second), committed);
      }
    }
  }
}
