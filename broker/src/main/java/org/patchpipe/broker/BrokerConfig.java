package org.patchpipe.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the {@link EmbeddedBroker}. Immutable.
 *
 * @param dataDir where the broker keeps its log and metadata; formatted on first start, reused on
 *     later starts, so topics and committed transactions survive restarts
 * @param port the client port on 127.0.0.1; 0 picks a free one on first start (and keeps it for
 *     restarts of the same {@link EmbeddedBroker})
 * @param overrides extra broker properties (Kafka's names), applied last
 */
public record BrokerConfig(Path dataDir, int port, Map<String, String> overrides) {
  /** The default client port, Kafka's usual one. */
  public static final int DEFAULT_PORT = 9092;

  public BrokerConfig {
    Objects.requireNonNull(dataDir, "broker.data-dir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("broker.port must be 0..65535: " + port);
    }
    overrides = Map.copyOf(overrides);
  }

  /** A broker in {@code dataDir} on a free port, with Kafka's defaults adjusted for one node. */
  public static BrokerConfig ofRandomPort(Path dataDir) {
    return new BrokerConfig(dataDir, 0, Map.of());
  }

  /** This config with {@code port}. */
  public BrokerConfig withPort(int newPort) {
    return new BrokerConfig(dataDir, newPort, overrides);
  }

  /** This config with one more broker property. */
  public BrokerConfig with(String key, String value) {
    Map<String, String> copy = new java.util.HashMap<>(overrides);
    copy.put(key, value);
    return new BrokerConfig(dataDir, port, copy);
  }
}
