package org.patchpipe.store.consume;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.event.EventHeaders;
import org.patchpipe.event.Topics;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.db.TestMails;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Poison events against a real KRaft broker and a real PostgreSQL: an event PostgreSQL refuses (a
 * NUL in its text) is set aside with its bytes and reason, in the table and on the dead-letter
 * topic, the rest is stored exactly once and consumption goes on; a retried event that now
 * succeeds is stored exactly once; a lost connection is still retried, not set aside.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonEventIT {
  private static final LocalDateTime T0 = LocalDateTime.of(2024, 5, 1, 9, 0);
  private static final int POISON = 9;

  private ConsumerFixture kafka;

  @BeforeAll
  void startBroker(@TempDir Path tmp) {
    kafka = new ConsumerFixture(tmp, "poison");
  }

  @AfterAll
  void stopBroker() {
    kafka.close();
  }

  @Test
  void anEventPostgresRefusesIsSetAsideAndTheRestIsStoredOnce(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    List<ParsedMail> mails = singles(0, 20);
    mails.set(POISON, withNul(mails.get(POISON)));
    kafka.produce(topics, mails);
    StoreConfig config = kafka.config(db, topics).withMaxBatch(50);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(1, consumer.stats().setAside());
      assertEquals(20, consumer.stats().events());
      assertEquals(0, consumer.stats().retries(), "a data failure is not retried as a batch");
      assertTrue(consumer.stats().toString().contains("1 set aside"), consumer.stats().toString());
    }
    try (Connection c = db.connect()) {
      assertEachStoredOnce(c, 19);
      assertEquals(0, ConsumerFixture.count(c, "SELECT count(*) FROM patch WHERE msgid = '" + msgid(POISON) + "'"));
      List<PoisonEvent> rows = PoisonEvents.list(c);
      assertEquals(1, rows.size());
      PoisonEvent row = rows.get(0);
      assertEquals(topics.events(), row.topic());
      assertEquals(POISON, row.offset(), "one transaction of one key: the offset is the index");
      assertArrayEquals(kafka.encode(mails.get(POISON)), row.value());
      assertArrayEquals(ConsumerFixture.LIST.getBytes(UTF_8), row.key());
      assertEquals(PoisonEvent.State.PENDING, row.state());
      // PostgreSQL itself refused the NUL: the event did reach the database as such.
      assertEquals("22021", row.sqlState(), row.reason());
      assertTrue(row.reason().contains("0x00"), row.reason());
      assertTrue(!row.reason().contains("INSERT INTO"), "the database's message, not the statement: " + row.reason());
      assertEquals(config.consumerName(), row.consumer());
    }
    ConsumerRecord<byte[], byte[]> dead = onlyDeadLetter(topics);
    assertArrayEquals(kafka.encode(mails.get(POISON)), dead.value());
    assertEquals(topics.events(), header(dead, EventHeaders.SOURCE_TOPIC));
    assertEquals(Integer.toString(POISON), header(dead, EventHeaders.SOURCE_OFFSET));
    assertNotNull(header(dead, EventHeaders.SOURCE_PARTITION));
    assertTrue(header(dead, EventHeaders.REASON).contains("0x00"));

    // The partition is not stalled: later events are read and stored.
    kafka.produce(topics, singles(20, 5));
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(5, consumer.stats().events(), "the offsets are past the poison event");
    }
    try (Connection c = db.connect()) {
      assertEquals(24, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
    }
  }

  @Test
  void aRetriedEventThatNowSucceedsIsStoredExactlyOnce(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    List<ParsedMail> mails = singles(0, 12);
    mails.set(POISON, withNul(mails.get(POISON)));
    kafka.produce(topics, mails);
    StoreConfig config = kafka.config(db, topics);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
    }
    long id;
    try (Connection c = db.connect()) {
      id = PoisonEvents.list(c).get(0).id();
      // Retried unchanged: refused again, and the row says so.
      assertEquals(List.of(id), PoisonEvents.requestRetry(c, List.of(id)));
    }
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
    }
    try (Connection c = db.connect()) {
      PoisonEvent row = PoisonEvents.list(c).get(0);
      assertEquals(PoisonEvent.State.FAILED, row.state());
      assertNotNull(row.retried());
      assertEquals(11, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
      // The "fix": the event as a correct producer would have written it.
      try (PreparedStatement ps = c.prepareStatement("UPDATE poison_event SET value = ? WHERE id = ?")) {
        ps.setBytes(1, kafka.encode(singles(0, 12).get(POISON)));
        ps.setLong(2, id);
        ps.executeUpdate();
      }
    }
    // Requested while the store runs: the idle consumer picks it up within a few seconds.
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      Thread running = new Thread(consumer::run, "store");
      running.start();
      try (Connection c = db.connect()) {
        Thread.sleep(1000);
        assertEquals(List.of(id), PoisonEvents.requestRetryAll(c));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (PoisonEvents.list(c).get(0).state() != PoisonEvent.State.STORED && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertEquals(PoisonEvent.State.STORED, PoisonEvents.list(c).get(0).state());
      } finally {
        consumer.stop();
        running.join();
      }
    }
    try (Connection c = db.connect()) {
      assertEquals(List.of(), PoisonEvents.requestRetryAll(c), "a stored event is not retried again");
      assertEquals(12, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
      assertEquals(1, ConsumerFixture.count(c, "SELECT count(*) FROM patch WHERE msgid = '" + msgid(POISON) + "'"));
      assertEquals(1, ConsumerFixture.count(c, "SELECT count(*) FROM event WHERE category = 'patch-created' AND patch_id ="
          + " (SELECT id FROM patch WHERE msgid = '" + msgid(POISON) + "')"));
    }
    try (EventConsumer again = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(again.runUntilCaughtUp(Duration.ofSeconds(30)));
      assertEquals(0, again.stats().events());
    }
    try (Connection c = db.connect()) {
      assertEquals(12, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
    }
  }

  @Test
  void aTerminatedConnectionIsRetriedNotSetAside(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    kafka.produce(topics, singles(0, 30));
    try (Connection c = db.connect()) {
      Schema.migrate(c);
      // The writer's own backend is terminated mid-batch, once (a sequence survives the rollback).
      ConsumerFixture.terminateOnInsert(c, msgid(17), 1);
    }
    StoreConfig config = kafka.config(db, topics).withMaxBatch(25);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(1, consumer.stats().retries());
      assertEquals(0, consumer.stats().setAside());
      assertEquals(30, consumer.stats().events());
    }
    try (Connection c = db.connect()) {
      assertEquals(2, ConsumerFixture.count(c, "SELECT last_value FROM kill_once"), "terminated once, then written on the retry");
      assertEachStoredOnce(c, 30);
      assertEquals(0, ConsumerFixture.count(c, "SELECT count(*) FROM poison_event"));
    }
  }

  @Test
  void aRetriableFailureWhileIsolatingBacksOffAndLosesNothing(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    List<ParsedMail> mails = singles(0, 20);
    mails.set(POISON, withNul(mails.get(POISON)));
    kafka.produce(topics, mails);
    try (Connection c = db.connect()) {
      Schema.migrate(c);
      // Event 12 comes after the poison event: the batch fails on the poison first (PostgreSQL
      // skips the rest of the aborted transaction), and the connection is lost while the batch is
      // written event by event.
      ConsumerFixture.terminateOnInsert(c, msgid(12), 1);
    }
    StoreConfig config = kafka.config(db, topics).withMaxBatch(50);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(1, consumer.stats().setAside());
      assertEquals(1, consumer.stats().retries());
      assertEquals(20, consumer.stats().events());
    }
    try (Connection c = db.connect()) {
      assertEquals(2, ConsumerFixture.count(c, "SELECT last_value FROM kill_once"), "killed while isolating, then stored");
      assertEachStoredOnce(c, 19);
      assertEquals(1, PoisonEvents.list(c).size());
      assertEquals(POISON, PoisonEvents.list(c).get(0).offset());
    }
  }

  @Test
  void aDeadLetterTopicThatRefusesTheCopyStillLeavesTheRow(TestDatabase db) throws Exception {
    Topics topics = kafka.nextTopics();
    kafka.create(new NewTopic(topics.events(), 1, (short) 1),
        new NewTopic(topics.deadLetters(), 1, (short) 1).configs(Map.of("max.message.bytes", "100")));
    List<ParsedMail> mails = singles(0, 12);
    mails.set(POISON, withNul(mails.get(POISON)));
    kafka.produce(topics, mails);
    StoreConfig config = kafka.config(db, topics);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(1, consumer.stats().setAside());
    }
    try (Connection c = db.connect()) {
      assertEquals(11, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
      assertEquals(1, PoisonEvents.list(c).size());
    }
  }

  /** {@code patches} patches, none of them twice. */
  private static void assertEachStoredOnce(Connection c, long patches) throws SQLException {
    assertEquals(patches, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
    assertEquals(patches, ConsumerFixture.count(c, "SELECT count(DISTINCT msgid) FROM patch"));
  }

  private static List<ParsedMail> singles(int from, int n) {
    List<ParsedMail> mails = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      mails.add(TestMails.patch(msgid(i), "[PATCH] single " + i, T0.plusMinutes(i), "dev" + (i % 3) + "@example.org",
          List.of()));
    }
    return mails;
  }

  private static String msgid(int i) {
    return "<s" + i + "@demo>";
  }

  private static ParsedMail withNul(ParsedMail mail) {
    ParsedMail.Patch p = (ParsedMail.Patch) mail;
    return new ParsedMail.Patch(p.envelope(), "commit message with a \u0000 in it", p.diff(), p.hash(), null,
        p.tags(), null, null);
  }

  private ConsumerRecord<byte[], byte[]> onlyDeadLetter(Topics topics) {
    Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition tp = new TopicPartition(topics.deadLetters(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline && consumer.position(tp) < consumer.endOffsets(List.of(tp)).get(tp)) {
        consumer.poll(Duration.ofMillis(500)).forEach(found::add);
      }
      assertEquals(1, found.size(), "one dead letter");
      return found.get(0);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), UTF_8);
  }

}
