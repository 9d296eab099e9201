package org.patchpipe.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.cli.ExitCodes;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.consume.ConsumerStats;
import org.patchpipe.store.db.EventLog;
import org.patchpipe.store.db.EventRepository;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.runtime.StoreRuntime;
import org.patchpipe.store.runtime.StoreServer;
import org.patchpipe.store.webhook.WebhookSecret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe bench webhooks}: how soon a stored event reaches a webhook receiver, through the
 * whole running store (broker, consumer, PostgreSQL, dispatcher) as {@code patchpipe store} runs it.
 */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = {
      "Webhook delivery latency: publishes synthetic parsed mail at a steady rate to an in-process broker; the"
          + " running store (as 'patchpipe store') stores it into an embedded PostgreSQL and its dispatcher"
          + " POSTs every event to a receiver in this process. Prints the latency from the event's stamp in"
          + " the store's transaction (just before its commit) to its arrival at the receiver (p50/p99/max)"
          + " and deliveries/s.",
      "Target: p99 < 1 s.",
    })
final class BenchWebhooksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rate", defaultValue = "200", description = "Mails published per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", defaultValue = "20", description = "How long to publish (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--no-fsync", description = "Run PostgreSQL without fsync (as the tests do); default is durable.")
  boolean noFsync;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the broker and database live during the run (default: a temporary directory, deleted after).")
  Path workDir;

  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private volatile long firstArrival;
  private volatile long lastArrival;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("patchpipe-bench-hooks-");
    HttpServer receiver = receiver();
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
        StoreRuntime pg = StoreRuntime.open(new StoreRuntime.Database.Embedded(
            PostgresConfig.of(dir.resolve("postgres")).withDurable(!noFsync)))) {
      try (Connection c = pg.connect()) {
        new WebhookRepository(c).add("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
            WebhookSecret.generate(new SecureRandom()).text(), null, List.of());
      }
      Topics topics = Topics.DEFAULT.withPrefix("bench-" + System.nanoTime() + ".");
      try (StoreServer server = pg.serve(pg.storeConfig(broker.bootstrapServers()).withTopics(topics)
          .withConsumerName("bench"), ApiConfig.ephemeral(), new QuietListener())) {
        server.startConsuming();
        List<ParsedMail> mails = new StoreBenchMails(42, "bench.lists.example.org").next(rate * seconds);
        out.printf("bench webhooks: publishing %,d mails at %,d/s for %d s; PostgreSQL %s%n", mails.size(), rate,
            seconds, noFsync ? "without fsync" : "durable (fsync on)");
        out.flush();
        // The dispatcher's worker opens its session (and checks the schema) at start: measure after.
        Thread.sleep(3000);
        publish(broker, topics, mails);
        long expected = waitForDeliveries(pg, server, Duration.ofSeconds(60));
        report(out, server.stats(), expected);
        return ids.size() >= expected ? ExitCodes.OK : ExitCodes.PARTIAL;
      }
    } finally {
      receiver.stop(0);
      if (workDir == null) {
        BenchFiles.deleteTree(dir);
      }
    }
  }

  private HttpServer receiver() throws java.io.IOException {
    ObjectMapper json = new ObjectMapper();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/hook", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      long now = System.currentTimeMillis();
      JsonNode event = json.readTree(body);
      if (ids.add(exchange.getRequestHeaders().getFirst("webhook-id"))) {
        long stamped = LocalDateTime.parse(event.get("date").asText()).toInstant(ZoneOffset.UTC).toEpochMilli();
        latencies.add(now - stamped);
        long nanos = System.nanoTime();
        if (firstArrival == 0) {
          firstArrival = nanos;
        }
        lastArrival = nanos;
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** Publishes {@code rate} mails a second, in a transaction every 50 ms. */
  private void publish(EmbeddedBroker broker, Topics topics, List<ParsedMail> mails) throws InterruptedException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + topics.events());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    EventCodec codec = new EventCodec();
    String listId = "bench.lists.example.org";
    int perTick = Math.max(1, rate / 20);
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      for (int i = 0, tick = 0; i < mails.size(); i += perTick, tick++) {
        long due = start + tick * 50_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        producer.beginTransaction();
        for (ParsedMail mail : mails.subList(i, Math.min(mails.size(), i + perTick))) {
          producer.send(new ProducerRecord<>(topics.events(), listId.getBytes(), codec.encode(MailEvent.of(listId,
              "bench:synthetic", new Position.MboxOffset(0, 0), Instant.EPOCH, 0, mail))));
        }
        producer.commitTransaction();
      }
    }
  }

  /** Waits until the receiver has every event the store wrote; that number. */
  private long waitForDeliveries(StoreRuntime pg, StoreServer server, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    long expected = 0;
    while (System.nanoTime() < end) {
      expected = eventCount(pg);
      if (expected > 0 && ids.size() >= expected && server.stats().events() >= (long) rate * seconds) {
        break;
      }
      Thread.sleep(200);
    }
    return expected;
  }

  /** Every event stored so far, of every category. */
  private static long eventCount(StoreRuntime pg) throws Exception {
    List<String> all = java.util.Arrays.stream(EventLog.Category.values()).map(EventLog.Category::slug).toList();
    EventRepository.EventFilter none = new EventRepository.EventFilter(List.of(), List.of(), List.of(), List.of(),
        List.of(), null, null, null);
    try (Connection c = pg.connect()) {
      return new EventRepository(c).list(all, none, null).page(c, count -> new ListQuery.PageChoice.Window(1, 0))
          .count();
    }
  }

  private void report(PrintWriter out, ConsumerStats stats, long expected) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double span = Math.max(1e-9, (lastArrival - firstArrival) / 1e9);
    out.printf("bench webhooks: %s%n", stats);
    out.printf("bench webhooks: %,d of %,d events delivered, %,.0f deliveries/s over %.1f s%n", ids.size(), expected,
        ids.size() / span, span);
    double p99 = percentile(sorted, 99);
    out.printf("bench webhooks: latency from the store's commit to the receiver: p50 %.0f ms, p99 %.0f ms,"
        + " max %.0f ms%n", percentile(sorted, 50), p99, percentile(sorted, 100));
    out.printf("bench webhooks: target p99 < 1 s: %s (%d cores, system load average %.1f)%n",
        p99 < 1000 ? "met" : "NOT met", Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** The store's progress is not what this benchmark shows. */
  private static final class QuietListener implements StoreServer.Listener {
    @Override
    public void progress(ConsumerStats stats) {}

    @Override
    public void consumerStopped(RuntimeException failure) {
      System.err.println("bench webhooks: the store stopped: " + failure.getMessage());
    }

    @Override
    public void standingBy(String lock) {}

    @Override
    public void tookOver(String lock, Duration waited) {}
  }
}
