package org.patchpipe.cli.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.cli.ExitCodes;
import org.patchpipe.cli.UserError;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventHeaders;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.imap.DovecotProcess;
import org.patchpipe.ingest.imap.ImapAppender;
import org.patchpipe.ingest.imap.FolderHealth;
import org.patchpipe.ingest.imap.FolderSubscription;
import org.patchpipe.ingest.imap.ImapDaemon;
import org.patchpipe.ingest.imap.ImapServer;
import org.patchpipe.ingest.imap.ImapSettings;
import org.patchpipe.ingest.imap.KafkaImapSink;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchpipe bench imap}: the IMAP daemon's backfill rate over a generated folder, and its
 * latency from an APPEND acknowledged by the server to the message being visible to a
 * read_committed Kafka consumer. Starts a throwaway Dovecot and an embedded broker; prints numbers.
 */
@Command(
    name = "imap",
    mixinStandardHelpOptions = true,
    description = {
      "IMAP APPEND-to-Kafka latency (p50/p99) and backfill rate of a generated folder.",
      "",
      "Starts a throwaway Dovecot (dovecot-imapd must be installed) and an in-process Kafka broker"
          + " under a temporary directory, fills a folder with --messages generated patches and"
          + " times the daemon's backfill, then APPENDs --samples mails one by one to a followed"
          + " (IDLE) folder and times each until a read_committed consumer sees it on the raw topic"
          + " (its event is committed in the same transaction). Target: p99 under 1 s.",
    })
final class BenchImapCommand implements Callable<Integer> {
  @Option(names = "--messages", paramLabel = "N", defaultValue = "10000",
      description = "Messages in the backfill folder (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "200",
      description = "APPENDs timed for latency (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "50",
      description = "Pause between timed APPENDs (default: ${DEFAULT-VALUE}).")
  long intervalMillis;

  @Option(names = "--batch-messages", paramLabel = "N", defaultValue = "100",
      description = "Messages per UID FETCH and transaction (default: ${DEFAULT-VALUE}).")
  int batchMessages;

  @Override
  public Integer call() throws Exception {
    if (DovecotProcess.binary().isEmpty()) {
      throw new UserError("bench imap needs Dovecot: apt-get install -y dovecot-imapd");
    }
    Path dir = Files.createTempDirectory("patchpipe-bench-imap");
    try (DovecotProcess dovecot = DovecotProcess.start(dir.resolve("dovecot"), "bench", "bench", true);
        EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("kafka")))) {
      ImapServer account = dovecot.account();
      Topics topics = Topics.DEFAULT.withPrefix("bench-imap.");
      PublisherConfig publisher = PublisherConfig.of(broker.bootstrapServers(), "bench-imap").withTopics(topics);
      List<byte[]> mails = new ArrayList<>(messages);
      long totalBytes = 0;
      for (int i = 1; i <= messages; i++) {
        byte[] m = mail("backfill", i, 40);
        mails.add(m);
        totalBytes += m.length;
      }
      dovecot.writeMaildir("bench.backfill", mails);
      try (ImapAppender appender = ImapAppender.open(account)) {
        appender.createFolder("bench.live");
      }
      FolderSubscription backfill = new FolderSubscription(account, "bench.backfill", "bench.example.org");
      FolderSubscription live = new FolderSubscription(account, "bench.live", "bench.example.org");
      ImapSettings settings = ImapSettings.DEFAULTS.withBatchMessages(batchMessages);
      try (KafkaImapSink sink = KafkaImapSink.open(publisher, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())) {
        long start = System.nanoTime();
        ImapDaemon daemon = ImapDaemon.start(List.of(backfill, live), settings, sink, Clock.systemUTC(), RandomGenerator.getDefault());
        try {
          System.out.printf("imap backfill: %,d messages (%.1f MB) generated in a Dovecot Maildir%n", messages, totalBytes / 1e6);
          long lastPrint = start;
          while (daemon.health().get(0).messages() < messages) {
            if (daemon.failure().isPresent()) throw new UserError(daemon.failure().get().getMessage());
            Thread.sleep(20);
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
              lastPrint = System.nanoTime();
              System.out.printf("  ... %,d published%n", daemon.health().get(0).messages());
            }
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf("imap backfill: %,d messages in %.1f s: %,.0f messages/s, %.2f MB/s"
                  + " (batches of %d, one transaction each; includes connect and the first listing)%n",
              messages, seconds, messages / seconds, totalBytes / 1e6 / seconds, batchMessages);
          while (daemon.health().get(1).state() != FolderHealth.State.WAITING) Thread.sleep(20);
          latency(account, live, broker.bootstrapServers(), topics);
        } finally {
          daemon.stop(Duration.ofSeconds(30));
        }
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
    return ExitCodes.OK;
  }

  private void latency(ImapServer account, FolderSubscription live, String bootstrap, Topics topics) throws Exception {
    Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    long[] latencies = new long[samples];
    Arrays.fill(latencies, -1);
    AtomicBoolean done = new AtomicBoolean();
    Thread consumer = new Thread(() -> consume(bootstrap, topics, live.sourceId(), sentAt, latencies, done), "bench-consumer");
    consumer.start();
    Thread.sleep(2000); // the consumer has its partitions and end offsets
    try (ImapAppender appender = ImapAppender.open(account)) {
      for (int i = 0; i < samples; i++) {
        appender.append(live.folder(), List.of(mail("live", i, 20)));
        sentAt.put(i, System.nanoTime());
        Thread.sleep(intervalMillis);
      }
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (Arrays.stream(latencies).anyMatch(l -> l < 0) && System.currentTimeMillis() < deadline) Thread.sleep(50);
    done.set(true);
    consumer.join();
    long[] seen = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
    if (seen.length == 0) throw new UserError("no appended mail reached Kafka within 30 s");
    System.out.printf("imap latency (APPEND acknowledged -> visible to a read_committed consumer), %d of %d"
            + " samples: p50 %.0f ms, p99 %.0f ms, max %.0f ms (target: p99 < 1000 ms)%n",
        seen.length, samples, pct(seen, 50), pct(seen, 99), seen[seen.length - 1] / 1e6);
    if (seen.length < samples) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        if (latencies[i] < 0) missing.add(i);
      }
      System.out.println("imap latency: not seen within 30 s of the last APPEND: samples " + missing);
    }
  }

  private static void consume(String bootstrap, Topics topics, String sourceId, Map<Integer, Long> sentAt,
      long[] latencies, AtomicBoolean done) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topics.raw()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToEnd(parts);
      parts.forEach(c::position);
      while (!done.get()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(5))) {
          long now = System.nanoTime();
          Header h = r.headers().lastHeader(EventHeaders.SOURCE);
          if (h == null || r.key() == null || !new String(h.value(), UTF_8).equals(sourceId)) continue;
          String key = new String(r.key(), UTF_8); // <bench-live.N@patchpipe.bench>
          int n = Integer.parseInt(key.substring(key.indexOf('.') + 1, key.indexOf('@')));
          Long sent = sentAt.get(n);
          if (sent != null && n < latencies.length) latencies[n] = Math.max(0, now - sent);
        }
      }
    }
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** A generated patch mail; {@code bodyLines} lines of diff. */
  static byte[] mail(String tag, int n, int bodyLines) {
    StringBuilder m = new StringBuilder();
    m.append("From: Bench Author <bench@example.org>\r\nTo: bench@example.org\r\n");
    m.append("Subject: [PATCH ").append(n).append("] bench: change ").append(n).append("\r\n");
    m.append("Date: Fri, 27 Nov 2026 03:00:00 +0000\r\n");
    m.append("Message-ID: <bench-").append(tag).append('.').append(n).append("@patchpipe.bench>\r\n");
    m.append("List-Id: <bench.example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    m.append("Change ").append(n).append(".\r\n\r\n---\r\ndiff --git a/f.c b/f.c\r\n--- a/f.c\r\n+++ b/f.c\r\n");
    m.append("@@ -1,").append(bodyLines).append(" +1,").append(bodyLines).append(" @@\r\n");
    for (int i = 0; i < bodyLines; i++) m.append(" line ").append(i).append("\r\n");
    return m.toString().getBytes(UTF_8);
  }
}
