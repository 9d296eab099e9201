package org.patchpipe.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.patchpipe.event.Topics;

/**
 * How {@link KafkaPublisher} reaches Kafka. Immutable; the compact constructor names the key at
 * fault.
 *
 * @param bootstrapServers {@code HOST:PORT[,HOST:PORT...]} ({@code ingest.bootstrap-servers})
 * @param transactionalId the producer's transactional id ({@code ingest.transactional-id}): keep it
 *     the same for the same replay, so a restarted process fences the one it replaces and aborts
 *     its unfinished transaction
 * @param topics the topics to write
 * @param producerOverrides Kafka producer properties applied last ({@code kafka.producer.*})
 * @param retryFor how long a transaction is retried while the cluster is unreachable before the
 *     publisher gives up ({@code ingest.retry-for})
 */
public record PublisherConfig(
    String bootstrapServers,
    String transactionalId,
    Topics topics,
    Map<String, String> producerOverrides,
    Duration retryFor) {

  public PublisherConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("ingest.bootstrap-servers must be HOST:PORT");
    }
    if (transactionalId == null || transactionalId.isBlank()) {
      throw new IllegalArgumentException("ingest.transactional-id must not be empty");
    }
    Objects.requireNonNull(topics, "ingest.topics");
    producerOverrides = Map.copyOf(producerOverrides);
    if (retryFor == null || retryFor.isNegative()) {
      throw new IllegalArgumentException("ingest.retry-for must be a positive duration");
    }
  }

  /** Defaults for {@code bootstrapServers}: default topics, retry for two minutes. */
  public static PublisherConfig of(String bootstrapServers, String transactionalId) {
    return new PublisherConfig(
        bootstrapServers, transactionalId, Topics.DEFAULT, Map.of(), Duration.ofMinutes(2));
  }

  public PublisherConfig withTopics(Topics newTopics) {
    return new PublisherConfig(bootstrapServers, transactionalId, newTopics, producerOverrides, retryFor);
  }

  public PublisherConfig withRetryFor(Duration newRetryFor) {
    return new PublisherConfig(bootstrapServers, transactionalId, topics, producerOverrides, newRetryFor);
  }

  public PublisherConfig withProducerOverrides(Map<String, String> overrides) {
    return new PublisherConfig(bootstrapServers, transactionalId, topics, overrides, retryFor);
  }
}
