package org.patchpipe.ingest.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventHeaders;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;

/**
 * The daemon end to end on the real embedded KRaft broker and GreenMail: a daemon JVM killed with
 * SIGKILL mid-backfill and started again, with mail appended while it was dead, leaves every
 * message exactly once on the raw topic, as a read_committed consumer counts it; SIGTERM exits 0;
 * and a UIDVALIDITY change re-scans against what the raw topic already holds, recognising mail
 * by the key it was published under even where its Message-ID is encoded, over-long or missing.
 */
class ImapDaemonKafkaIT {
  static final String FOLDER = "lists.kill";
  @TempDir static Path temp;
  static EmbeddedBroker broker;
  static GreenMailServer imap;

  @BeforeAll
  static void start() throws Exception {
    System.out.println(java.time.Instant.now() + " starting broker");
    broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(temp.resolve("kafka")));
    System.out.println(java.time.Instant.now() + " broker started");
    imap = new GreenMailServer();
  }

  @AfterAll
  static void stop() {
    if (imap != null) imap.close();
    if (broker != null) broker.close();
  }

  @Test
  void killMinusNineAndRestartLosesAndDuplicatesNothing() throws Exception {
    String prefix = "kill.";
    System.out.println(java.time.Instant.now() + " appending");
    imap.createFolder(FOLDER);
    imap.append(FOLDER, TestMails.mails("kill", 1, 600, 3));
    System.out.println(java.time.Instant.now() + " appended");
    String sourceId = imap.account().describe() + "/" + FOLDER;

    Process first = daemon(prefix, 20);
    await("some batches are committed", () -> count(prefix, sourceId).total() >= 60);
    first.destroyForcibly(); // SIGKILL: no shutdown hook, an open transaction left behind
    assertTrue(first.waitFor(10, TimeUnit.SECONDS));
    int afterKill = count(prefix, sourceId).total();
    assertTrue(afterKill < 600, "killed mid-backfill, at " + afterKill);

    imap.append(FOLDER, TestMails.mails("kill", 601, 50, 3)); // arrives while no daemon runs
    Process second = daemon(prefix, 20);
    await("all 650 are on the raw topic", () -> count(prefix, sourceId).total() >= 650);
    imap.append(FOLDER, TestMails.mails("kill", 651, 5, 3)); // live, during IDLE
    await("live mail too", () -> count(prefix, sourceId).total() >= 655);

    second.destroy(); // SIGTERM: finish, commit, exit 0
    assertTrue(second.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, second.exitValue(), "SIGTERM exits 0");
    System.out.println(java.time.Instant.now() + " stopped");
    Count c = count(prefix, sourceId);
    System.out.println(java.time.Instant.now() + " counted");
    assertEquals(655, c.total(), "every message once");
    assertEquals(655, c.distinct(), "no Message-ID twice");
  }

  @Test
  void uidValidityChangeSkipsWhatTheRawTopicHolds() throws Exception {
    rescanPublishesOnlyTheNewMail("uidv", TestMails.mails("kuidv", 1, 30, 3), TestMails.mails("kuidv", 31, 4, 3));
  }

  /**
   * The mails whose Message-ID only the parser's reading (R1.1) gets right: RFC 2047 encoded (no
   * brackets until decoded), over 255 characters (the key is cut), and none at all (the key is the
   * synthetic id). A re-scan must recognise each by the key it was published under.
   */
  @Test
  void uidValidityChangeRecognisesEncodedOverLongAndMissingMessageIds() throws Exception {
    String encoded = "=?utf-8?b?" + Base64.getEncoder().encodeToString("<odd.1@patchpipe.test>".getBytes(UTF_8)) + "?=";
    String overLong = "<odd.2." + "x".repeat(300) + "@patchpipe.test>";
    List<byte[]> odd = List.of(
        TestMails.mail("odd", 1, 3, encoded), TestMails.mail("odd", 2, 3, overLong), TestMails.mail("odd", 3, 3, null));
    rescanPublishesOnlyTheNewMail("oddids", odd, List.of(TestMails.mail("odd", 4, 3)));
  }

  /**
   * Follows a folder holding {@code first}, recreates it (a new UIDVALIDITY) with {@code first} and
   * then {@code added}, follows it again: the re-scan skips every mail of {@code first}, and the
   * raw topic holds each mail exactly once.
   */
  private void rescanPublishesOnlyTheNewMail(String name, List<byte[]> first, List<byte[]> added) throws Exception {
    String prefix = name + ".";
    String folder = "lists." + name;
    int n = first.size();
    imap.createFolder(folder);
    imap.append(folder, first);
    PublisherConfig config =
        PublisherConfig.of(broker.bootstrapServers(), "imap-" + name).withTopics(Topics.DEFAULT.withPrefix(prefix));
    FolderSubscription sub = new FolderSubscription(imap.account(), folder, "list.example.org");
    try (KafkaImapSink sink = KafkaImapSink.open(config, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())) {
      ImapDaemon daemon = ImapDaemon.start(List.of(sub), FolderFollowerContract.FAST, sink, Clock.systemUTC(), new Random(1));
      await(n + " published", () -> count(prefix, sub.sourceId()).total() >= n);
      assertTrue(daemon.stop(Duration.ofSeconds(20)));
    }
    assertEquals(n, count(prefix, sub.sourceId()).distinct(), "one key each: " + keys(prefix, sub.sourceId()));
    imap.recreateFolder(folder);
    List<byte[]> again = new ArrayList<>(first);
    again.addAll(added);
    imap.append(folder, again);
    int all = n + added.size();
    try (KafkaImapSink sink = KafkaImapSink.open(config, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())) {
      ImapDaemon daemon = ImapDaemon.start(List.of(sub), FolderFollowerContract.FAST, sink, Clock.systemUTC(), new Random(2));
      await("the new ones published", () -> count(prefix, sub.sourceId()).total() >= all);
      FolderFollowerContract.await("the re-scan is done", () -> daemon.health().get(0).duplicatesSkipped() == n);
      assertTrue(daemon.stop(Duration.ofSeconds(20)));
      assertEquals(imap.uidValidity(folder), sink.committedPosition(sub).orElseThrow().uidValidity());
    }
    Count c = count(prefix, sub.sourceId());
    assertEquals(all, c.total(), "nothing published again: " + keys(prefix, sub.sourceId()));
    assertEquals(all, c.distinct());
  }

  private Process daemon(String prefix, int batch) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
            "-Dorg.slf4j.simpleLogger.log.org.patchpipe=debug", "-cp", System.getProperty("java.class.path"), ImapDaemonMain.class.getName(),
            broker.bootstrapServers(), prefix, "127.0.0.1", Integer.toString(imap.port()), FOLDER,
            "list.example.org", Integer.toString(batch))
        .redirectErrorStream(true)
        .redirectOutput(logDir().resolve("daemon-" + System.currentTimeMillis() + ".log").toFile())
        .start();
  }

  /** Child logs go to target/, kept for a look after a failure. */
  private static Path logDir() throws java.io.IOException {
    return java.nio.file.Files.createDirectories(Path.of("target", "imap-daemon-logs"));
  }

  record Count(int total, int distinct) {}

  /** Raw-topic records of {@code sourceId}, as a read_committed consumer sees them. */
  private Count count(String prefix, String sourceId) {
    List<String> keys = keys(prefix, sourceId);
    return new Count(keys.size(), new java.util.HashSet<>(keys).size());
  }

  /** The keys (Message-IDs) of the raw-topic records of {@code sourceId}, in partition order. */
  private List<String> keys(String prefix, String sourceId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    String topic = Topics.DEFAULT.withPrefix(prefix).raw();
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var infos = consumer.partitionsFor(topic);
      if (infos == null || infos.isEmpty()) return keys;
      List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      long deadline = System.currentTimeMillis() + 30_000;
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          Header h = r.headers().lastHeader(EventHeaders.SOURCE);
          if (h == null || !new String(h.value(), UTF_8).equals(sourceId)) continue;
          keys.add(r.key() == null ? null : new String(r.key(), UTF_8));
        }
      }
    }
    return keys;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(String what, Check check) throws Exception {
    System.out.println(java.time.Instant.now() + " waiting until " + what);
    long deadline = System.currentTimeMillis() + 90_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(500);
    }
  }
}
