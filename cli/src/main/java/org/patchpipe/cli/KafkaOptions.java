package org.patchpipe.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import picocli.CommandLine.Option;

/**
 * The Kafka options every publishing command shares (a picocli mixin of {@code replay} and
 * {@code daemon}): a cluster to publish to, or a broker started in this process, and the topics.
 */
final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka to publish to. Required unless --embedded-broker is given.")
  String bootstrapServers;

  @Option(names = "--embedded-broker",
      description = "Start a single-node Kafka broker in this process (data in --data-dir) and publish to it.")
  boolean embeddedBroker;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/broker",
      description = "The embedded broker's data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "The embedded broker's port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Prefix for the topic names (patchpipe.mail.raw, patchpipe.mail.events,"
          + " patchpipe.mail.dead-letters, patchpipe.ingest.positions).")
  String topicPrefix;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "Partitions of new raw, events and dead-letter topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
      description = "A Kafka producer property, e.g. compression.type=zstd (repeatable).")
  Map<String, String> producerProperties = new LinkedHashMap<>();

  /** @throws UserError unless exactly one of {@code --bootstrap-servers} and {@code --embedded-broker} is given */
  void requireOneTarget() {
    if ((bootstrapServers == null) == !embeddedBroker) {
      throw new UserError("give either --bootstrap-servers HOST:PORT or --embedded-broker");
    }
  }

  /** The broker asked for with {@code --embedded-broker}, started; null where a cluster was named. */
  EmbeddedBroker startEmbeddedBroker() {
    return embeddedBroker ? EmbeddedBroker.start(new BrokerConfig(dataDir, port, Map.of())) : null;
  }

  /** Where to publish: the embedded {@code broker} if there is one, else {@code --bootstrap-servers}. */
  String bootstrap(EmbeddedBroker broker) {
    return broker != null ? broker.bootstrapServers() : bootstrapServers;
  }

  /** The line that tells a person where the embedded broker listens. */
  String describe(EmbeddedBroker broker) {
    return "patchpipe: embedded Kafka broker on " + broker.bootstrapServers() + " (data in " + dataDir + ")";
  }
}
