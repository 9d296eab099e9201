package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.EventHeaders;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.kafka.PositionStore;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;

/** Replays into a real embedded KRaft broker and counts what a read_committed consumer sees. */
class ReplayIT {
  @TempDir static Path brokerDir;
  static EmbeddedBroker broker;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(brokerDir));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  static Replay replay(Topics topics, String txId, IngestConfig ingest) {
    PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), txId).withTopics(topics);
    return new Replay(config, ingest, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC());
  }

  /** Every message is on the raw topic once and has an event or a dead letter, never both. */
  static void assertExactlyOnce(Topics topics, int expected) {
    assertExactlyOnce(broker.bootstrapServers(), topics, expected);
  }

  static void assertExactlyOnce(String bootstrap, Topics topics, int expected) {
    List<ConsumerRecord<byte[], byte[]>> raw = TopicReader.readCommitted(bootstrap, topics.raw());
    List<ConsumerRecord<byte[], byte[]>> events = TopicReader.readCommitted(bootstrap, topics.events());
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readCommitted(bootstrap, topics.deadLetters());
    assertEquals(expected, raw.size(), "raw records");
    Set<String> rawPositions = new HashSet<>();
    raw.forEach(r -> rawPositions.add(TopicReader.header(r, EventHeaders.POSITION)));
    assertEquals(expected, rawPositions.size(), "distinct positions on the raw topic");
    assertEquals(expected, events.size() + dead.size(), "events + dead letters");
    Set<String> judged = new HashSet<>();
    events.forEach(r -> judged.add(TopicReader.header(r, EventHeaders.POSITION)));
    dead.forEach(r -> judged.add(TopicReader.header(r, EventHeaders.POSITION)));
    assertEquals(rawPositions, judged, "each raw message has exactly one event or dead letter");
  }

  @Test
  void replaysAnMboxExactlyOnceAndAReplayAgainPublishesNothing() throws Exception {
    Topics topics = Topics.DEFAULT.withPrefix("again.");
    Path mbox = TestMails.writeMbox(dir, "a.mbox.gz", 120);
    IngestConfig ingest = IngestConfig.DEFAULT.withBatch(25, 1 << 20);
    List<ReplayProgress> commits = new CopyOnWriteArrayList<>();
    ReplayListener listener = new ReplayListener() {
      @Override
      public void committed(ReplayProgress progress) {
        commits.add(progress);
      }
    };
    ReplaySummary first = replay(topics, "again-tx", ingest).run(List.of(mbox), listener);
    assertEquals(120, first.totals().messages());
    assertEquals(5, commits.size(), "120 messages in batches of 25");
    assertExactlyOnce(topics, 120);

    ReplaySummary second = replay(topics, "again-tx", ingest).run(List.of(mbox), ReplayListener.NONE);
    assertEquals(0, second.totals().messages());
    assertExactlyOnce(topics, 120);

    Position committed = new PositionStore(broker.bootstrapServers(), topics)
        .committed("mbox:" + mbox.toAbsolutePath()).orElseThrow();
    assertEquals(119, ((Position.MboxOffset) committed).index());

    List<ConsumerRecord<byte[], byte[]>> raw = TopicReader.readCommitted(broker.bootstrapServers(), topics.raw());
    ConsumerRecord<byte[], byte[]> firstRaw = raw.stream()
        .filter(r -> "<0@example.org>".equals(new String(r.key(), UTF_8))).findFirst().orElseThrow();
    assertEquals(TestMails.mail(0), new String(firstRaw.value(), UTF_8), "raw bytes are exact, mboxrd quoting undone");
    assertEquals(TestMails.LIST_ID, TopicReader.header(firstRaw, EventHeaders.LIST_ID));
  }

  @Test
  void eventsDecodeAndDeadLettersSayWhy() throws Exception {
    Topics topics = Topics.DEFAULT.withPrefix("decode.");
    Path mbox = TestMails.writeMbox(dir, "b.mbox", 30);
    replay(topics, "decode-tx", IngestConfig.DEFAULT).run(List.of(mbox), ReplayListener.NONE);
    EventCodec codec = new EventCodec();
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readCommitted(broker.bootstrapServers(), topics.events())) {
      MailEvent event = codec.decode(r.value());
      assertEquals(TestMails.LIST_ID, event.listId());
      assertEquals(TestMails.LIST_ID, new String(r.key(), UTF_8));
      assertEquals(EventCodec.kindOf(event.mail()), TopicReader.header(r, EventHeaders.KIND));
    }
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readCommitted(broker.bootstrapServers(), topics.deadLetters())) {
      assertTrue(TopicReader.header(r, EventHeaders.REASON).length() > 0);
      assertTrue(new String(r.value(), UTF_8).contains("List-Id: <" + TestMails.LIST_ID + ">"));
    }
    assertExactlyOnce(topics, 30);
  }

  @Test
  void aTruncatedGzipMboxGivesADeadLetterForTheCutMessageAndASourceFailure() throws Exception {
    Topics topics = Topics.DEFAULT.withPrefix("cut.");
    byte[] whole = Files.readAllBytes(TestMails.writeMbox(dir, "whole.mbox.gz", 400));
    Path cut = dir.resolve("cut.mbox.gz");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    ReplaySummary summary = replay(topics, "cut-tx", IngestConfig.DEFAULT).run(List.of(cut), ReplayListener.NONE);
    assertEquals(1, summary.sourceFailures().size());
    assertTrue(summary.sourceFailures().get(0).contains("truncated or corrupt"));
    long messages = summary.totals().messages();
    assertTrue(messages > 10 && messages < 400, "read " + messages);
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readCommitted(broker.bootstrapServers(), topics.deadLetters());
    assertTrue(dead.stream().anyMatch(r -> TopicReader.header(r, EventHeaders.REASON).startsWith("mbox ends inside this message")));
    // The cut message is not whole, so it is not on the raw topic: every other one is.
    assertEquals(messages - 1, TopicReader.readCommitted(broker.bootstrapServers(), topics.raw()).size());
  }

  @Test
  void mailWithoutListIdIsADeadLetterUnlessAListIdIsGiven() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.writeString(folder.resolve("1.eml"), TestMails.mail(1).replace("List-Id: <" + TestMails.LIST_ID + ">\n", ""));
    Topics topics = Topics.DEFAULT.withPrefix("nolist.");
    replay(topics, "nolist-tx", IngestConfig.DEFAULT).run(List.of(folder), ReplayListener.NONE);
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readCommitted(broker.bootstrapServers(), topics.deadLetters());
    assertEquals(1, dead.size());
    assertTrue(TopicReader.header(dead.get(0), EventHeaders.REASON).contains("--list-id"));

    Topics given = Topics.DEFAULT.withPrefix("given.");
    replay(given, "given-tx", IngestConfig.DEFAULT.withListId(Optional.of("x.example.org")))
        .run(List.of(folder), ReplayListener.NONE);
    List<ConsumerRecord<byte[], byte[]>> judged = new java.util.ArrayList<>();
    judged.addAll(TopicReader.readCommitted(broker.bootstrapServers(), given.events()));
    judged.addAll(TopicReader.readCommitted(broker.bootstrapServers(), given.deadLetters()));
    assertEquals(1, judged.size());
    assertEquals("x.example.org", TopicReader.header(judged.get(0), EventHeaders.LIST_ID));
  }

  @Test
  void survivesABrokerRestartMidReplay() throws Exception {
    Topics topics = Topics.DEFAULT.withPrefix("restart.");
    Path mbox = TestMails.writeMbox(dir, "r.mbox", 3000);
    AtomicInteger commits = new AtomicInteger();
    Thread[] restarter = new Thread[1];
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    ReplayListener listener = new ReplayListener() {
      @Override
      public void committed(ReplayProgress progress) {
        if (commits.incrementAndGet() == 5) {
          // Stop the broker while the publisher keeps going; start it again a second later.
          restarter[0] = new Thread(() -> {
            broker.stop();
            stopped.countDown();
            try {
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            broker.restart();
          });
          restarter[0].start();
        }
        if (commits.get() == 6) {
          // The next transactions are published while the broker is down.
          try {
            stopped.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    ReplaySummary summary = replay(topics, "restart-tx", IngestConfig.DEFAULT.withBatch(100, 1 << 20))
        .run(List.of(mbox), listener);
    restarter[0].join();
    assertEquals(3000, summary.totals().messages());
    assertTrue(commits.get() >= 30);
    assertExactlyOnce(topics, 3000);
  }
}
