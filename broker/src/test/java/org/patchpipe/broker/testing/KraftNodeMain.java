package org.patchpipe.broker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;

/**
 * One node of a {@link KraftCluster}, as its own JVM: {@code KraftNodeMain CLUSTER_ID PROPERTIES}
 * formats the node's log directory for the cluster id if it is new (as {@code kafka-storage.sh
 * format} would), starts Kafka's own {@code KafkaRaftServer} with the properties file, and runs
 * until killed. It halts when its standard input ends, which is when the test JVM that started it
 * is gone, even by kill -9: a crashed test leaves no broker behind.
 */
public final class KraftNodeMain {
  private KraftNodeMain() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(KraftNodeMain::haltWhenParentGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      properties.load(in);
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    KafkaConfig config = new KafkaConfig(map, false);
    Path logDir = Path.of(map.get("log.dirs"));
    Files.createDirectories(logDir);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setNodeId(config.nodeId())
          .setClusterId(args[0])
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    System.out.println("kraft node " + config.nodeId() + " started");
    System.out.flush();
    server.awaitShutdown();
  }

  private static void haltWhenParentGone() {
    try {
      while (System.in.read() != -1) {
        // The parent never writes; the read returns -1 once its end of the pipe is closed.
      }
    } catch (IOException e) {
      // A broken pipe means the same: the parent is gone.
    }
    Runtime.getRuntime().halt(1);
  }
}
