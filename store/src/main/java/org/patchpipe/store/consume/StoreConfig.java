package org.patchpipe.store.consume;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.patchpipe.event.Topics;

/**
 * How the store consumes: where Kafka and PostgreSQL are and which topic to read. Immutable; the
 * compact constructor names the offending key, Kafka style.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers} ({@code store.bootstrap-servers})
 * @param jdbcUrl the PostgreSQL database ({@code store.db}), e.g. {@code jdbc:postgresql://host/patchpipe}
 * @param dbUser the database user ({@code store.db.user})
 * @param dbPassword the database password, empty for none ({@code store.db.password})
 * @param topics the topic names; the store reads {@link Topics#events()}
 * @param consumerName the name offsets are committed under in {@code consumer_offset}
 *     ({@code store.consumer-name}); one active store per name and database, others stand by
 * @param pollTimeout how long one poll waits for events
 * @param maxBatch the most events written in one PostgreSQL transaction ({@code store.max-batch})
 * @param kafkaConsumer extra Kafka consumer properties ({@code kafka.consumer.*}), applied last
 */
public record StoreConfig(
    String bootstrapServers,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    Topics topics,
    String consumerName,
    Duration pollTimeout,
    int maxBatch,
    Map<String, String> kafkaConsumer) {
  public StoreConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("store.bootstrap-servers must name a Kafka broker, e.g. 127.0.0.1:9092");
    }
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("store.db must be a jdbc:postgresql:// URL, not " + jdbcUrl);
    }
    Objects.requireNonNull(dbUser, "store.db.user");
    dbPassword = dbPassword == null ? "" : dbPassword;
    Objects.requireNonNull(topics, "store.topics");
    if (consumerName == null || consumerName.isBlank()) {
      throw new IllegalArgumentException("store.consumer-name must not be empty");
    }
    Objects.requireNonNull(pollTimeout, "store.poll-timeout");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("store.max-batch must be >= 1, not " + maxBatch);
    }
    kafkaConsumer = Map.copyOf(kafkaConsumer);
  }

  /** Defaults: the default topics, consumer name {@code patchpipe-store}, batches of 1,000. */
  public static StoreConfig of(String bootstrapServers, String jdbcUrl, String dbUser, String dbPassword) {
    return new StoreConfig(bootstrapServers, jdbcUrl, dbUser, dbPassword, Topics.DEFAULT, "patchpipe-store",
        Duration.ofMillis(500), 1000, Map.of());
  }

  public StoreConfig withTopics(Topics newTopics) {
    return new StoreConfig(bootstrapServers, jdbcUrl, dbUser, dbPassword, newTopics, consumerName, pollTimeout,
        maxBatch, kafkaConsumer);
  }

  public StoreConfig withMaxBatch(int newMaxBatch) {
    return new StoreConfig(bootstrapServers, jdbcUrl, dbUser, dbPassword, topics, consumerName, pollTimeout,
        newMaxBatch, kafkaConsumer);
  }

  public StoreConfig withConsumerName(String newName) {
    return new StoreConfig(bootstrapServers, jdbcUrl, dbUser, dbPassword, topics, newName, pollTimeout,
        maxBatch, kafkaConsumer);
  }
}
