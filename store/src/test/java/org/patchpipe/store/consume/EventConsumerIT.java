package org.patchpipe.store.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.event.Topics;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.db.TestMails;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The consumer against a real KRaft broker and a real PostgreSQL: a batch that fails halfway is
 * rolled back and read again, a restarted consumer resumes where the database says, and nothing is
 * stored twice or lost.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventConsumerIT {
  private static final LocalDateTime T0 = LocalDateTime.of(2024, 5, 1, 9, 0);

  private ConsumerFixture kafka;

  @BeforeAll
  void startBroker(@TempDir Path tmp) {
    kafka = new ConsumerFixture(tmp, "it");
  }

  @AfterAll
  void stopBroker() {
    kafka.close();
  }

  @Test
  void aBatchThatFailsHalfwayIsRolledBackAndStoredOnceOnRetry(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    List<ParsedMail> mails = sample(40);
    kafka.produce(topics, mails);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      Schema.migrate(c);
      // A real retriable failure from the real database (a serialization failure, as a concurrent
      // writer would cause), once, in the middle of the first batch: a sequence is not
      // transactional, so the rollback does not reset it and the retry succeeds.
      s.execute("CREATE SEQUENCE crash_once");
      s.execute("CREATE FUNCTION crash_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF NEW.msgid = '<p17@demo>' AND nextval('crash_once') = 1 THEN"
          + " RAISE EXCEPTION 'simulated crash between rows' USING ERRCODE = '40001'; END IF; RETURN NEW; END $$");
      s.execute("CREATE TRIGGER crash_once BEFORE INSERT ON patch FOR EACH ROW EXECUTE FUNCTION crash_once()");
    }
    StoreConfig config = kafka.config(db, topics).withMaxBatch(25);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(1, consumer.stats().retries());
      assertEquals(mails.size(), consumer.stats().events());
    }
    assertStoredExactlyOnce(db, mails.size());
    assertNothingLeftToRead(config);
  }

  @Test
  void aRestartedConsumerResumesFromTheOffsetsStoredWithTheRows(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    List<ParsedMail> mails = sample(30);
    kafka.produce(topics, mails.subList(0, 18));
    StoreConfig config = kafka.config(db, topics).withMaxBatch(7);
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(18, consumer.stats().events());
    }
    kafka.produce(topics, mails.subList(18, mails.size()));
    try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(consumer.runUntilCaughtUp(Duration.ofSeconds(60)));
      assertEquals(mails.size() - 18, consumer.stats().events(), "only the new events are read again");
    }
    assertStoredExactlyOnce(db, mails.size());
    assertNothingLeftToRead(config);
  }

  @Test
  void aSecondStoreStandsByAndTakesOverWhenTheFirstStops(TestDatabase db) throws Exception {
    Topics topics = kafka.newTopics();
    List<ParsedMail> mails = sample(40);
    kafka.produce(topics, mails.subList(0, 20));
    StoreConfig config = kafka.config(db, topics).withMaxBatch(7);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Standby heard = new Standby();
    try (EventConsumer second = EventConsumer.open(config, Clock.systemUTC()).onStandby(heard)) {
      Future<Boolean> caughtUp;
      try (EventConsumer first = EventConsumer.open(config, Clock.systemUTC())) {
        assertTrue(first.runUntilCaughtUp(Duration.ofSeconds(60)));
        caughtUp = thread.submit(() -> second.runUntilCaughtUp(Duration.ofSeconds(60)));
        assertTrue(heard.standingBy.await(30, TimeUnit.SECONDS), "the second store says it stands by");
        assertTrue(heard.lock.get().contains("'" + config.consumerName() + "'"), heard.lock.get());
        kafka.produce(topics, mails.subList(20, mails.size()));
        Thread.sleep(2 * WriterLock.POLL.toMillis());
        assertEquals(0, second.stats().events(), "a standby writes nothing");
        assertEquals(1, heard.saidStandingBy.get(), "said once");
      } // the first store stops: its session, and the lock, end
      assertTrue(caughtUp.get(60, TimeUnit.SECONDS));
      assertEquals(0, heard.tookOver.getCount(), "the second store says it took over");
      assertEquals(mails.size() - 20, second.stats().events(), "it resumes at the first store's offsets");
    } finally {
      thread.shutdownNow();
    }
    assertStoredExactlyOnce(db, mails.size());
    assertNothingLeftToRead(config);
  }

  @Test
  void aStandbyStopsAtOnceWhenAsked(TestDatabase db) throws Exception {
    StoreConfig config = kafka.config(db, kafka.newTopics());
    kafka.produce(config.topics(), sample(8));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Standby heard = new Standby();
    try (EventConsumer first = EventConsumer.open(config, Clock.systemUTC());
        EventConsumer second = EventConsumer.open(config, Clock.systemUTC()).onStandby(heard)) {
      assertTrue(first.runUntilCaughtUp(Duration.ofSeconds(60)));
      Future<?> running = thread.submit(second::run);
      assertTrue(heard.standingBy.await(30, TimeUnit.SECONDS));
      long asked = System.nanoTime();
      second.stop();
      running.get(5, TimeUnit.SECONDS);
      assertTrue(System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(2), "stopped within the poll interval");
      assertEquals(0, second.stats().events());
      assertEquals(1, heard.tookOver.getCount(), "never took over");
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void aStaleBatchIsRefusedAsASerializationFailure(TestDatabase db) throws Exception {
    OffsetStore offsets = new OffsetStore("fence");
    List<ConsumerRecord<byte[], byte[]>> batch = List.of(
        new ConsumerRecord<>("fence.events", 0, 5, new byte[0], new byte[0]),
        new ConsumerRecord<>("fence.events", 0, 6, new byte[0], new byte[0]),
        new ConsumerRecord<>("fence.events", 1, 3, new byte[0], new byte[0]));
    try (Connection c = db.connect()) {
      Schema.migrate(c);
      c.setAutoCommit(false);
      offsets.write(c, batch);
      c.commit();
      // The same events again, as a store that lost its session would write them: refused.
      SQLException e = assertThrows(SQLException.class, () -> offsets.write(c, batch.subList(2, 3)));
      assertEquals("40001", e.getSQLState());
      assertEquals(FailureKind.RETRIABLE, FailureKind.of(e));
      c.rollback();
      // The events after them are fine.
      offsets.write(c, List.of(new ConsumerRecord<>("fence.events", 1, 4, new byte[0], new byte[0])));
      c.commit();
      assertEquals(Map.of(new TopicPartition("fence.events", 0), 7L, new TopicPartition("fence.events", 1), 5L),
          offsets.read(c, "fence.events"));
    }
  }

  @Test
  void theLockSessionAsksTheServerToDropItWhenCutOff(TestDatabase db) throws Exception {
    StoreConfig config = kafka.config(db, kafka.newTopics());
    WriterLock lock = new WriterLock(config, new Standby());
    try (Connection session = lock.acquire(() -> false); Statement s = session.createStatement()) {
      // A holder cut off by the network is dropped by the server after ~25 s, not the kernel's two hours.
      assertEquals("10", show(s, "tcp_keepalives_idle"));
      assertEquals("5", show(s, "tcp_keepalives_interval"));
      assertEquals("3", show(s, "tcp_keepalives_count"));
      assertEquals("25000", show(s, "tcp_user_timeout")); // ms
      try (Connection other = db.connect(); Statement o = other.createStatement();
          var rs = o.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
              + " AND classid = " + (WriterLock.KEY & 0xffffffffL) + " AND pid <> pg_backend_pid()")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "the session holds the lock");
      }
    }
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (var rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Records what a consumer says about the lock. */
  private static final class Standby implements StandbyListener {
    final CountDownLatch standingBy = new CountDownLatch(1);
    final CountDownLatch tookOver = new CountDownLatch(1);
    final AtomicReference<String> lock = new AtomicReference<>();
    final AtomicInteger saidStandingBy = new AtomicInteger();

    @Override
    public void standingBy(String description) {
      lock.set(description);
      saidStandingBy.incrementAndGet();
      standingBy.countDown();
    }

    @Override
    public void tookOver(String description, Duration waited) {
      tookOver.countDown();
    }
  }

  /**
   * The sample: a cover letter with patches 1..3 and replies, one reply arriving before its patch,
   * and single patches after that. Comments reach their patches; one mail is a duplicate.
   */
  private static List<ParsedMail> sample(int total) {
    List<ParsedMail> mails = new ArrayList<>();
    mails.add(TestMails.comment("<early@demo>", T0.plusMinutes(30), "rev@example.org", List.of("<p2@demo>"), false));
    ParsedMail.CoverLetter cover = TestMails.cover("<c0@demo>", "[PATCH 0/3] demo series", T0, "dev@example.org");
    var ce = cover.envelope();
    mails.add(new ParsedMail.CoverLetter(new org.patchpipe.parser.Envelope(ce.msgid(), ce.references(), ce.date(),
        ce.submitter(), null, ce.headers(), new org.patchpipe.parser.Subject(ce.subject().name(), List.of("0/3"), false,
        0, 3, 1)), cover.content()));
    for (int n = 1; n <= 3; n++) {
      mails.add(numbered(n, 3, T0.plusMinutes(n)));
    }
    mails.add(TestMails.comment("<r1@demo>", T0.plusHours(1), "rev@example.org", List.of("<p1@demo>", "<c0@demo>"), false));
    mails.add(TestMails.patch("<p1@demo>", "[PATCH 1/3] dup", T0, "dev@example.org", List.of("<c0@demo>")));
    for (int i = mails.size(); i < total; i++) {
      mails.add(TestMails.patch("<p" + (i + 10) + "@demo>", "[PATCH] single " + i, T0.plusDays(1).plusMinutes(i),
          "dev" + (i % 4) + "@example.org", List.of()));
    }
    return mails;
  }

  private static ParsedMail.Patch numbered(int n, int total, LocalDateTime date) {
    ParsedMail.Patch base = TestMails.patch("<p" + n + "@demo>", "[" + n + "/" + total + "] demo", date,
        "dev@example.org", List.of("<c0@demo>"));
    var e = base.envelope();
    var subject = new org.patchpipe.parser.Subject(e.subject().name(), List.of(n + "/" + total), false, n, total, 1);
    return new ParsedMail.Patch(new org.patchpipe.parser.Envelope(e.msgid(), e.references(), e.date(), e.submitter(),
        null, e.headers(), subject), base.content(), base.diff(), base.hash(), null, base.tags(), null, null);
  }

  private void assertStoredExactlyOnce(TestDatabase db, int events) throws SQLException {
    int singles = events - 7;
    try (Connection c = db.connect()) {
      assertEquals(3 + singles, ConsumerFixture.count(c, "SELECT count(*) FROM patch"));
      assertEquals(1, ConsumerFixture.count(c, "SELECT count(*) FROM cover"));
      assertEquals(2, ConsumerFixture.count(c, "SELECT count(*) FROM patch_comment"), "the early reply waited for its patch");
      assertEquals(0, ConsumerFixture.count(c, "SELECT count(*) FROM pending_reply"));
      assertEquals(1, ConsumerFixture.count(c, "SELECT count(*) FROM unstored_mail WHERE outcome = 'duplicate'"), "only the real duplicate");
      assertEquals(1, ConsumerFixture.count(c, "SELECT count(*) FROM unstored_mail"));
      assertEquals(3, ConsumerFixture.count(c, "SELECT count(*) FROM patch p JOIN series s ON s.id = p.series_id"
          + " WHERE s.cover_letter_id IS NOT NULL AND s.name = 'demo series'"));
      assertEquals(3 + singles, ConsumerFixture.count(c, "SELECT count(*) FROM event WHERE category = 'patch-created'"));
      assertEquals(1 + singles, ConsumerFixture.count(c, "SELECT count(*) FROM event WHERE category = 'series-created'"));
      assertEquals(1 + singles, ConsumerFixture.count(c, "SELECT count(*) FROM event WHERE category = 'series-completed'"));
      assertEquals(2, ConsumerFixture.count(c, "SELECT count(*) FROM event WHERE category = 'patch-comment-created'"));
      assertEquals(1, ConsumerFixture.count(c, "SELECT count(*) FROM person WHERE email = 'dev@example.org'"));
      // Acked-by in each patch, Reviewed-by in each of the two comments on patches 1 and 2.
      assertEquals(2, ConsumerFixture.count(c, "SELECT count(*) FROM patch_tag WHERE tag_id = 2 AND count = 1"));
    }
  }

  /** A store started again reads nothing: the offsets stored with the rows cover every event. */
  private static void assertNothingLeftToRead(StoreConfig config) {
    try (EventConsumer again = EventConsumer.open(config, Clock.systemUTC())) {
      assertTrue(again.runUntilCaughtUp(Duration.ofSeconds(30)));
      assertEquals(0, again.stats().events());
    }
  }

}
