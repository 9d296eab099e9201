package org.patchpipe.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;

/**
 * A single-node Apache Kafka cluster in this process: one KRaft server that is both broker and
 * controller, built from Kafka's own classes ({@code KafkaRaftServer}), with its data on disk. The
 * storage directory is formatted on first start (as {@code kafka-storage.sh format} would) and
 * reused afterwards, so topics, committed offsets and transactions survive a {@link #restart()} or
 * a new process. Listens on 127.0.0.1 only, without authentication: it is for one machine.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir))) {
 *   String bootstrap = broker.bootstrapServers();  // "127.0.0.1:40123"
 * }
 * }</pre>
 *
 * <p>Settings suit one node: replication factor 1 for internal topics, few partitions for the
 * transaction and offset topics (faster start), no rebalance delay, topic auto-creation on, and a
 * maximum request of 100 MiB so large mail fits. Thread-safe; {@link #close()} stops it. Failures to
 * format, start or stop throw {@link BrokerException}.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final int NODE_ID = 1;

  private final BrokerConfig config;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedBroker(BrokerConfig config, int port, int controllerPort) {
    this.config = config;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats {@code config.dataDir()} if it is new, then starts the broker and returns once it
   * serves clients.
   *
   * @throws BrokerException if the data directory cannot be used or the port is taken
   */
  public static EmbeddedBroker start(BrokerConfig config) {
    int port = config.port() == 0 ? freePortOtherThan(-1) : config.port();
    EmbeddedBroker broker = new EmbeddedBroker(config, port, freePortOtherThan(port));
    broker.startServer();
    return broker;
  }

  /** {@code 127.0.0.1:PORT}, for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The client port. */
  public int port() {
    return port;
  }

  /** The data directory. */
  public Path dataDir() {
    return config.dataDir();
  }

  /** Stops and starts the broker on the same port and data, as a crash-free restart would. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  /** Stops the broker; {@link #restart()} starts it again. Does nothing when stopped. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        server = null;
      }
    }
  }

  /** Whether the broker is running. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startServer() {
    KafkaConfig kafkaConfig = new KafkaConfig(properties(), false);
    Path logDir = config.dataDir().resolve("kafka");
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(kafkaConfig, logDir);
      }
    } catch (Exception e) {
      throw new BrokerException(
          "cannot format the broker's data directory " + logDir + ": " + e.getMessage(), e);
    }
    KafkaRaftServer started = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
    try {
      started.startup();
    } catch (RuntimeException e) {
      try {
        started.shutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new BrokerException(
          "the broker did not start (is port " + port + " taken, or " + logDir
              + " from another cluster?): " + e.getMessage(), e);
    }
    server = started;
  }

  private static void format(KafkaConfig kafkaConfig, Path logDir) throws Exception {
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setControllerListenerName("CONTROLLER")
        .setMetadataLogDirectory(logDir.toString())
        .setDirectories(List.of(logDir.toString()))
        .run();
  }

  private Map<String, String> properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", config.dataDir().resolve("kafka").toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    p.put("message.max.bytes", Integer.toString(90 << 20));
    p.put("socket.request.max.bytes", Integer.toString(100 << 20));
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    p.putAll(config.overrides());
    @SuppressWarnings("unchecked")
    Map<String, String> map = (Map<String, String>) (Map<?, ?>) p;
    return map;
  }

  /**
   * A free loopback port other than {@code taken}: the client port is free until the broker binds
   * it, and a port just asked for and closed can be handed out again at once.
   */
  private static int freePortOtherThan(int taken) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (socket.getLocalPort() != taken) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new BrokerException("no free port on 127.0.0.1: " + e.getMessage(), e);
      }
    }
    throw new BrokerException("no free port on 127.0.0.1 other than " + taken, null);
  }
}
