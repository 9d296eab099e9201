package org.patchpipe.broker.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A real Kafka cluster of KRaft nodes for fault tests: each node is broker and controller at once
 * (a combined quorum, the usual small setup), runs in its own JVM ({@link KraftNodeMain}, from
 * Kafka's own jars on this JVM's class path) with a small heap, and keeps its data in a fresh
 * temporary directory. Internal topics and {@link #createTopic topics made here} have a replica on
 * every node and {@code min.insync.replicas} 2, so with three nodes one may die without losing an
 * acknowledged write.
 *
 * <pre>{@code
 * try (KraftCluster cluster = KraftCluster.start(3)) {
 *   cluster.createTopic("t", 3);
 *   int leader = cluster.leader("t", 0);
 *   cluster.kill(leader);                       // kill -9 of that JVM
 *   cluster.awaitLeaderOtherThan("t", 0, leader, Duration.ofSeconds(60));
 *   cluster.restart(leader);
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills every node and deletes the directory; a shutdown hook does the same if
 * a test never gets to it, and each node halts on its own when this JVM dies (its standard input
 * ends). Not thread-safe: one test drives it.
 */
public final class KraftCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String MIN_IN_SYNC = "2";

  private final Path root;
  private final String clusterId = Uuid.randomUuid().toString();
  private final Map<Integer, Integer> clientPorts = new LinkedHashMap<>();
  private final Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
  private final Map<Integer, Process> processes = new LinkedHashMap<>();
  private final Thread cleanupHook = new Thread(this::destroy, "kraft-cluster-cleanup");
  private Admin admin;

  private KraftCluster(Path root, int nodes) {
    this.root = root;
    List<Integer> ports = freePorts(2 * nodes);
    for (int id = 1; id <= nodes; id++) {
      clientPorts.put(id, ports.get(2 * (id - 1)));
      controllerPorts.put(id, ports.get(2 * (id - 1) + 1));
    }
  }

  /** Starts {@code nodes} nodes and returns once every one is a live broker. */
  public static KraftCluster start(int nodes) {
    Path root;
    try {
      root = Files.createTempDirectory("patchpipe-kraft-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KraftCluster cluster = new KraftCluster(root, nodes);
    Runtime.getRuntime().addShutdownHook(cluster.cleanupHook);
    try {
      for (int id : cluster.clientPorts.keySet()) {
        cluster.launch(id);
      }
      cluster.admin = Admin.create(Map.of(
          "bootstrap.servers", cluster.bootstrapServers(),
          "request.timeout.ms", "5000",
          "default.api.timeout.ms", "15000"));
      cluster.awaitBrokers(cluster.clientPorts.keySet());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Every node's client address, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return clientPorts.values().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The node ids, 1 to n. */
  public Set<Integer> nodeIds() {
    return Set.copyOf(clientPorts.keySet());
  }

  /**
   * Creates {@code name} with a replica of each partition on every node and {@code
   * min.insync.replicas} 2, and waits until every partition has a leader.
   */
  public void createTopic(String name, int partitions) {
    create(new NewTopic(name, partitions, (short) clientPorts.size()), name);
  }

  /**
   * Creates {@code name} with its replicas on {@code replicas} only (the first is the preferred
   * leader), {@code min.insync.replicas} 2, so a test can stop a node that holds none of it.
   */
  public void createTopic(String name, int partitions, List<Integer> replicas) {
    Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
    for (int p = 0; p < partitions; p++) {
      assignment.put(p, replicas);
    }
    create(new NewTopic(name, assignment), name);
  }

  private void create(NewTopic topic, String name) {
    get(admin.createTopics(List.of(topic.configs(Map.of("min.insync.replicas", MIN_IN_SYNC)))).all());
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!hasLeaders(name)) {
      pause(deadline, "a leader for every partition of " + name);
    }
  }

  private boolean hasLeaders(String topic) {
    try {
      return describe(topic).partitions().stream().allMatch(p -> p.leader() != null);
    } catch (IllegalStateException e) {
      if (e.getCause() != null && e.getCause().getCause() instanceof UnknownTopicOrPartitionException) {
        return false; // the node asked has not seen the new topic yet
      }
      throw e;
    }
  }

  /** The node id of the leader of {@code topic}'s {@code partition}, or -1 when it has none. */
  public int leader(String topic, int partition) {
    Node leader = describe(topic).partitions().get(partition).leader();
    return leader == null ? -1 : leader.id();
  }

  /** Waits until a node other than {@code old} leads the partition, and returns it. */
  public int awaitLeaderOtherThan(String topic, int partition, int old, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      int leader = leader(topic, partition);
      if (leader != -1 && leader != old) {
        return leader;
      }
      pause(deadline, "a new leader of " + topic + "-" + partition);
    }
  }

  /** Waits until every partition of {@code topic} has all nodes in sync again (after a restart). */
  public void awaitFullyInSync(String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (describe(topic).partitions().stream().anyMatch(p -> p.isr().size() < clientPorts.size())) {
      pause(deadline, "every replica of " + topic + " in sync");
    }
  }

  /** Kills node {@code id}'s JVM with SIGKILL (no shutdown, no flush) and waits until it is gone. */
  public void kill(int id) {
    Process process = processes.remove(id);
    if (process == null) {
      throw new IllegalStateException("node " + id + " is not running");
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + id + " still runs 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing node " + id, e);
    }
  }

  /**
   * The node that is the transaction coordinator of {@code transactionalId} (which must have
   * initialised transactions).
   */
  public int coordinatorOf(String transactionalId) {
    return get(admin.describeTransactions(List.of(transactionalId)).description(transactionalId)).coordinatorId();
  }

  /**
   * Suspends node {@code id}'s JVM (SIGSTOP): its connections stay open but it answers nothing and
   * stops heartbeating, as a hung machine would, until {@link #thaw}.
   */
  public void freeze(int id) {
    signal(id, "-STOP");
  }

  /** Resumes a node suspended by {@link #freeze} (SIGCONT). */
  public void thaw(int id) {
    signal(id, "-CONT");
  }

  private void signal(int id, String signal) {
    Process process = processes.get(id);
    if (process == null) {
      throw new IllegalStateException("node " + id + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts node {@code id} again on its ports and data, and waits until it is a live broker. */
  public void restart(int id) {
    if (processes.containsKey(id)) {
      throw new IllegalStateException("node " + id + " is running");
    }
    launch(id);
    awaitBrokers(Set.of(id));
  }

  /** Where node {@code id} writes its output, quoted when it fails to start. */
  private Path log(int id) {
    return root.resolve("node-" + id + ".log");
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
  }

  private synchronized void destroy() {
    if (admin != null) {
      admin.close(Duration.ZERO);
      admin = null;
    }
    processes.values().forEach(Process::destroyForcibly);
    for (Process p : processes.values()) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    deleteRecursively(root);
  }

  private void launch(int id) {
    Path dir = root.resolve("node-" + id);
    Path properties = root.resolve("node-" + id + ".properties");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(properties)) {
        nodeProperties(id, dir).store(out, "KRaft node " + id);
      }
      List<String> command = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"),
          "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-cp", System.getProperty("java.class.path"),
          KraftNodeMain.class.getName(), clusterId, properties.toString()));
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()))
          .start();
      processes.put(id, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start KRaft node " + id, e);
    }
  }

  private Properties nodeProperties(int id, Path dir) {
    String voters = controllerPorts.entrySet().stream()
        .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
    String replicas = Integer.toString(clientPorts.size());
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(id));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPorts.get(id) + ",CONTROLLER://127.0.0.1:" + controllerPorts.get(id));
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPorts.get(id));
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.toString());
    p.put("default.replication.factor", replicas);
    p.put("min.insync.replicas", MIN_IN_SYNC);
    p.put("offsets.topic.replication.factor", replicas);
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", replicas);
    p.put("transaction.state.log.min.isr", MIN_IN_SYNC);
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", replicas);
    p.put("share.coordinator.state.topic.min.isr", MIN_IN_SYNC);
    p.put("group.initial.rebalance.delay.ms", "0");
    // Topics come from createTopic or the application, never by accident with a default layout.
    p.put("auto.create.topics.enable", "false");
    p.put("message.max.bytes", Integer.toString(90 << 20));
    p.put("socket.request.max.bytes", Integer.toString(100 << 20));
    // A shared machine with few cores: few threads per node.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.replica.fetchers", "1");
    p.put("background.threads", "2");
    p.put("log.cleaner.threads", "1");
    return p;
  }

  private void awaitBrokers(Set<Integer> ids) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (;;) {
      for (int id : ids) {
        Process process = processes.get(id);
        if (!process.isAlive()) {
          throw new IllegalStateException("KRaft node " + id + " exited with " + process.exitValue()
              + ": " + tail(log(id)));
        }
      }
      Set<Integer> live = new HashSet<>();
      try {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).forEach(n -> live.add(n.id()));
      } catch (ExecutionException | TimeoutException e) {
        // Not up yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the cluster", e);
      }
      if (live.containsAll(ids)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("KRaft nodes " + ids + " did not serve within " + START_TIMEOUT
            + ": " + tail(log(ids.iterator().next())));
      }
      pause(deadline, "KRaft nodes " + ids + " to serve");
    }
  }

  private TopicDescription describe(String topic) {
    return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the cluster refused or did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void pause(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("timed out waiting for " + what);
    }
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.exists(log) ? Files.readString(log) : "";
      return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temporary directory left behind is harmless.
    }
  }

  /**
   * {@code count} distinct free ports on the loopback address. All are held open until the last is
   * picked: a port asked for one at a time can come back twice once its socket is closed.
   */
  private static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // Closing a listening socket that accepted nothing does not fail in practice.
        }
      }
    }
  }
}
