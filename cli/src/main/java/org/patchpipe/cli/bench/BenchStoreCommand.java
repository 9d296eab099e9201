package org.patchpipe.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
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
import org.patchpipe.store.consume.ConsumerStats;
import org.patchpipe.store.consume.EventConsumer;
import org.patchpipe.store.consume.StoreConfig;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchpipe bench store}: the store's ingest rate, from the events topic into PostgreSQL. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = {
      "Store ingest rate: publishes synthetic parsed mail (series with cover letters, patches, reviews) to an"
          + " in-process broker, then times the store consuming it into an embedded PostgreSQL, exactly once,"
          + " as 'patchpipe store' does. Prints messages/s and the per-transaction p50/p99.",
      "Target: >= 2,000 messages/s.",
    })
final class BenchStoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--messages", defaultValue = "20000", description = "Events to store (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--batch", defaultValue = "1000",
      description = "Events per PostgreSQL transaction at most (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--no-fsync", description = "Run PostgreSQL without fsync (as the tests do); default is durable.")
  boolean noFsync;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the broker and database live during the run (default: a temporary directory, deleted after).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("patchpipe-bench-store-");
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
        StoreRuntime pg = StoreRuntime.open(new StoreRuntime.Database.Embedded(
            PostgresConfig.of(dir.resolve("postgres")).withDurable(!noFsync)))) {
      Topics topics = Topics.DEFAULT.withPrefix("bench-" + System.nanoTime() + ".");
      List<ParsedMail> mails = new StoreBenchMails(42, "bench.lists.example.org").next(messages);
      long bytes = publish(broker, topics, mails);
      out.printf("bench store: %,d events (%,.1f MB of JSON) published; PostgreSQL %s%n", mails.size(),
          bytes / 1e6, noFsync ? "without fsync" : "durable (fsync on)");
      out.flush();

      StoreConfig config = pg.storeConfig(broker.bootstrapServers())
          .withTopics(topics).withMaxBatch(batch).withConsumerName("bench");
      List<Long> batchNanos = Collections.synchronizedList(new ArrayList<>());
      long[] last = new long[1];
      try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
        consumer.onProgress(stats -> {
          long now = System.nanoTime();
          batchNanos.add(now - last[0]);
          last[0] = now;
        });
        long start = System.nanoTime();
        last[0] = start;
        boolean done = consumer.runUntilCaughtUp(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        ConsumerStats stats = consumer.stats();
        List<Long> sorted = new ArrayList<>(batchNanos);
        Collections.sort(sorted);
        out.printf("bench store: %,d events stored in %.2f s = %,.0f messages/s (%s)%n", stats.events(), seconds,
            stats.events() / seconds, done ? "caught up" : "NOT caught up");
        out.printf("bench store: %s%n", stats);
        out.printf("bench store: per transaction (up to %d events): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", batch,
            percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100));
        out.printf("bench store: target >= 2,000 messages/s: %s (%d cores, system load average %.1f during the run)%n",
            stats.events() / seconds >= 2000 ? "met" : "NOT met", Runtime.getRuntime().availableProcessors(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return done ? ExitCodes.OK : ExitCodes.PARTIAL;
      }
    } finally {
      if (workDir == null) {
        BenchFiles.deleteTree(dir);
      }
    }
  }

  private static long publish(EmbeddedBroker broker, Topics topics, List<ParsedMail> mails) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + topics.events());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    EventCodec codec = new EventCodec();
    String listId = "bench.lists.example.org";
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      for (int i = 0; i < mails.size(); i += 2000) {
        producer.beginTransaction();
        for (ParsedMail mail : mails.subList(i, Math.min(mails.size(), i + 2000))) {
          byte[] value = codec.encode(MailEvent.of(listId, "bench:synthetic", new Position.MboxOffset(0, 0),
              Instant.EPOCH, 0, mail));
          bytes += value.length;
          producer.send(new ProducerRecord<>(topics.events(), listId.getBytes(), value));
        }
        producer.commitTransaction();
      }
    }
    return bytes;
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }
}
