package org.patchpipe.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.store.consume.EventConsumer;
import org.patchpipe.store.consume.StoreConfig;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.runtime.StoreRuntime;

/**
 * The store's ingest rate: parsed events of real archives are published to an in-process KRaft
 * broker first (untimed), then the store's {@link EventConsumer} reads them ({@code read_committed})
 * and writes PostgreSQL, timed from open to caught up. This is the store's half of the pipeline,
 * exactly as {@code patchpipe store} runs it; parsing and publishing are measured by
 * {@code bench parse} and {@code bench ingest}.
 */
final class ApiIngestBench {
  static final double TARGET_MESSAGES = 2_000;

  private final PrintWriter out;
  private final Path dir;
  private final List<Path> archives;

  ApiIngestBench(PrintWriter out, Path dir, List<Path> archives) {
    this.out = out;
    this.dir = dir;
    this.archives = List.copyOf(archives);
  }

  void run() throws IOException {
    Topics topics = Topics.DEFAULT.withPrefix("bench.");
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
        StoreRuntime pg = StoreRuntime.open(new StoreRuntime.Database.Embedded(
            new PostgresConfig(dir.resolve("pg"), 0, "patchpipe", false, PostgresConfig.defaultBinariesCache())))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(topics.events(), 1, (short) 1))).all().get();
      } catch (Exception e) {
        throw new IllegalStateException("cannot create the events topic: " + e.getMessage(), e);
      }
      int published = publish(broker.bootstrapServers(), topics);
      StoreConfig config = pg.storeConfig(broker.bootstrapServers()).withTopics(topics);
      long t0 = System.nanoTime();
      try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
        if (!consumer.runUntilCaughtUp(Duration.ofMinutes(30))) {
          throw new IllegalStateException("the store did not catch up within 30 minutes");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long events = consumer.stats().events();
        double rate = events / seconds;
        out.printf(Locale.ROOT,
            "store ingest   %,d of %,d events into PostgreSQL in %.1f s: %,.0f messages/s  [target >= %,.0f: %s]%n",
            events, published, seconds, rate, TARGET_MESSAGES, rate >= TARGET_MESSAGES ? "met" : "NOT met");
        out.printf(Locale.ROOT, "               %s%n", consumer.stats());
        out.flush();
      }
    }
  }

  /** Parses every archive (each as its own list) and publishes the events in one transaction. */
  private int publish(String bootstrap, Topics topics) throws IOException {
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    EventCodec codec = new EventCodec();
    Map<String, Object> p = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-store-ingest",
        ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    int count = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (Path archive : archives) {
        String name = archive.getFileName().toString().replaceAll("\\.mbox(\\.gz)?$", "");
        String listId = name.replaceAll("[^a-z0-9-]", "") + ".lists.example.org";
        Project project = Project.ofListId(listId);
        for (RawMessage raw : ArchiveMessages.load(archive)) {
          MailEvent event = MailEvent.of(listId, archive.toString(), new Position.MboxOffset(count, 0),
              Instant.now(), raw.size(), parser.parse(raw, project));
          producer.send(new ProducerRecord<>(topics.events(), listId.getBytes(StandardCharsets.UTF_8), codec.encode(event)));
          count++;
        }
      }
      producer.commitTransaction();
    }
    out.printf(Locale.ROOT, "published %,d events from %d archive(s) (untimed)%n", count, archives.size());
    out.flush();
    return count;
  }
}
