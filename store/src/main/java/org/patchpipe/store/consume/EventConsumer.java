package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.db.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's consumer: reads the events topic ({@code read_committed}) and writes what Patchwork
 * would store into PostgreSQL, exactly once.
 *
 * <pre>{@code
 * try (EventConsumer consumer = EventConsumer.open(config, Clock.systemUTC())) {
 *   consumer.run();          // until stop() from another thread
 * }
 * }</pre>
 *
 * <p><b>Why exactly once.</b> The issue allows two designs: idempotent writes keyed by (project,
 * Message-ID), or offsets committed with the rows. Idempotent writes are not enough here, because
 * the rows of one mail depend on every mail before it (series membership, comment parents, person
 * names, tag totals, events): replaying a mail after a partial failure would not reproduce the same
 * state, and duplicate detection (R1.5) would turn the replay into a "duplicate" outcome instead of
 * a no-op. So the store commits the consumed offsets IN THE SAME PostgreSQL transaction as the rows
 * they produced ({@code consumer_offset}), and on start seeks every partition to the offset stored
 * there; Kafka's own group offsets are never used. A crash before the commit loses the whole
 * transaction, rows and offsets together, and the events are read again; a crash after it keeps
 * both, and they are not read again. Each event's effects are therefore applied once. Only
 * committed Kafka transactions are read ({@code isolation.level=read_committed}), so an ingest that
 * aborts never reaches the database. Partitions are assigned, not group-managed.
 *
 * <p><b>One writer, and a standby.</b> A PostgreSQL advisory lock per consumer name ({@link
 * WriterLock}) is taken on the very session the batches are written on, so no two stores write a
 * database at a time and a batch commits only while its session holds the lock. A second store on
 * the same database and name waits as the standby: it says so once ({@link StandbyListener}),
 * keeps its own session asking for the lock, and when the active store's session ends (the store
 * stops, is killed, or is cut off long enough for the server's keepalive to drop it) takes over,
 * reading the committed offsets only once it holds the lock. A store whose session is lost (a
 * database restart) takes the lock again before it writes again, standing by if another store was
 * quicker; a batch read before that is refused by {@link OffsetStore#write} and read again from
 * the stored offsets. {@link #stop()} ends a standby's wait at once.
 *
 * <p>Batches: each poll (up to {@code maxBatch} events) is one transaction. A failing batch is
 * rolled back, and what happens next depends on the {@link FailureKind}. A retriable failure
 * (connection lost, database restarting, serialization failure): the consumer seeks back to the
 * stored offsets and tries again after a backoff; a database that stays down is retried until
 * {@link #stop()}. A data failure (an event PostgreSQL or the tracker refuses): retrying the same
 * batch would fail for ever, so the {@link Quarantine} writes it event by event and sets aside the
 * one that fails alone (in {@code poison_event} and on the dead-letter topic), and consumption
 * goes on. Set-aside events whose retry was requested ({@link PoisonEvents#requestRetry}) are
 * written again at start and every few seconds when idle. Events that store nothing are recorded
 * in {@code unstored_mail} with the reason, so no consumed event goes unaccounted.
 *
 * <p>{@link #run()} runs on one thread; {@link #stop()} and {@link #stats()} may be called from
 * any thread.
 */
public final class EventConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration RETRY_CHECK = Duration.ofSeconds(3);

  private final StoreConfig config;
  private final KafkaConsumer<byte[], byte[]> kafka;
  private final OffsetStore offsets;
  private final WriterSlot writers;
  private final DeadLetterPublisher deadLetters;
  private final Quarantine quarantine;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<ConsumerStats> stats = new AtomicReference<>(ConsumerStats.ZERO);
  private long nextRetryCheck;
  private boolean retryCheckDue = true;
  private Duration backoff = INITIAL_BACKOFF;
  private List<TopicPartition> partitions = List.of();
  private Consumer<ConsumerStats> progress = s -> {};
  private StandbyListener standby = new StandbyListener() {
    @Override
    public void standingBy(String lock) {
      LOG.info("standing by: another store holds {}; taking over when it stops", lock);
    }

    @Override
    public void tookOver(String lock, Duration waited) {
      LOG.info("took over {} after standing by for {} ms", lock, waited.toMillis());
    }
  };

  private EventConsumer(StoreConfig config, Clock clock, KafkaConsumer<byte[], byte[]> kafka) {
    this.config = config;
    this.kafka = kafka;
    this.offsets = new OffsetStore(config.consumerName());
    WriterLock lock = new WriterLock(config, new StandbyListener() {
      @Override
      public void standingBy(String description) {
        standby.standingBy(description);
      }

      @Override
      public void tookOver(String description, Duration waited) {
        standby.tookOver(description, waited);
      }
    });
    this.writers = new WriterSlot(lock, offsets, clock, stopping::get);
    this.deadLetters = new DeadLetterPublisher(config);
    this.quarantine = new Quarantine(writers, deadLetters, config.consumerName());
  }

  /**
   * Migrates the database and connects to Kafka. The single-writer lock is taken when consuming
   * starts ({@link #run()}, {@link #runUntilCaughtUp}), standing by while another store holds it.
   *
   * @param eventClock stamps Patchwork's event rows (Patchwork uses the current time)
   * @throws StoreException if the database is unreachable or cannot be migrated
   */
  public static EventConsumer open(StoreConfig config, Clock eventClock) {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword())) {
      Schema.migrate(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open the store database " + config.jdbcUrl() + ": " + e.getMessage(), e);
    }
    return new EventConsumer(config, eventClock, new KafkaConsumer<>(kafkaProperties(config)));
  }

  private static Properties kafkaProperties(StoreConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxBatch()));
    // Events carry whole mails (a few KB each): fetch enough per partition to fill a batch.
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 << 20));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.consumerName());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putAll(config.kafkaConsumer());
    return p;
  }

  /** Called after every committed batch with the totals so far (for progress output). */
  public EventConsumer onProgress(Consumer<ConsumerStats> listener) {
    this.progress = listener;
    return this;
  }

  /** Tells {@code listener}, instead of the log, when this store stands by and when it takes over. */
  public EventConsumer onStandby(StandbyListener listener) {
    this.standby = listener;
    return this;
  }

  /** Consumes until {@link #stop()}. */
  public void run() {
    while (!stopping.get()) {
      pollOnce();
    }
  }

  /**
   * Consumes until every partition has reached the end offsets it had when this call started (or
   * {@code timeout} passes, or {@link #stop()}); returns whether it caught up.
   */
  public boolean runUntilCaughtUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitPartitions(deadline);
    if (partitions.isEmpty()) {
      return false;
    }
    Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
    while (!stopping.get() && System.nanoTime() < deadline) {
      boolean caughtUp = true;
      for (TopicPartition tp : partitions) {
        if (kafka.position(tp) < end.get(tp)) {
          caughtUp = false;
        }
      }
      if (caughtUp) {
        return true;
      }
      pollOnce();
    }
    return false;
  }

  /** Asks {@link #run()} to return after the current batch. Thread-safe. */
  public void stop() {
    stopping.set(true);
    kafka.wakeup();
  }

  /** The totals so far. Thread-safe. */
  public ConsumerStats stats() {
    return stats.get();
  }

  private void pollOnce() {
    if (partitions.isEmpty()) {
      awaitPartitions(System.nanoTime() + config.pollTimeout().toNanos());
      if (partitions.isEmpty()) {
        return;
      }
    }
    retryRequestedIfDue();
    ConsumerRecords<byte[], byte[]> polled;
    try {
      polled = kafka.poll(config.pollTimeout());
    } catch (WakeupException e) {
      return;
    }
    if (polled.isEmpty()) {
      // Idle: a good time to look for retry requests.
      retryCheckDue = System.nanoTime() >= nextRetryCheck;
      return;
    }
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(polled.count());
    polled.forEach(batch::add);
    writeWithRetry(batch);
  }

  /** At start, then at most every {@link #RETRY_CHECK} while idle: writes requested retries. */
  private void retryRequestedIfDue() {
    if (retryCheckDue) {
      retryCheckDue = false;
      nextRetryCheck = System.nanoTime() + RETRY_CHECK.toNanos();
      quarantine.retryRequested(this::committed);
    }
  }

  private void committed(ConsumerStats written) {
    progress.accept(stats.updateAndGet(s -> s.plus(written)));
  }

  private void writeWithRetry(List<ConsumerRecord<byte[], byte[]>> batch) {
    Exception failure;
    try {
      committed(writers.get().write(batch));
      backoff = INITIAL_BACKOFF;
      return;
    } catch (SQLException | RuntimeException e) {
      // Rolled back: nothing of the batch is stored. Drop the connection (it may be broken, and
      // the writer's working set is ahead of the database).
      writers.discard();
      failure = e;
    }
    if (FailureKind.of(failure) == FailureKind.DATA) {
      LOG.warn("batch of {} events was refused ({}); writing it event by event to find the one to blame",
          batch.size(), PoisonEvents.storable(FailureKind.reason(failure)));
      try {
        quarantine.isolate(batch, this::committed);
        backoff = INITIAL_BACKOFF;
        return;
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
    }
    // Retriable: rewind Kafka to the stored offsets, and the next poll reads the same events again.
    LOG.warn("batch of {} events failed and was rolled back; reading it again in {} ms: {}",
        batch.size(), backoff.toMillis(), PoisonEvents.storable(FailureKind.reason(failure)));
    stats.updateAndGet(s -> s.plus(ConsumerStats.ONE_RETRY));
    while (sleep(backoff)) {
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      try {
        Map<TopicPartition, Long> stored = seekToStoredOffsets(partitions);
        if (failure instanceof CommitUnconfirmed unconfirmed && OffsetStore.covers(stored, batch)) {
          LOG.info("the unconfirmed commit of the batch of {} events did land; it is not read again", batch.size());
          committed(unconfirmed.staged());
        }
        return;
      } catch (SQLException | StoreException e) {
        writers.discard();
        if (!stopping.get()) {
          LOG.warn("database unavailable, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
        }
      }
    }
  }

  /**
   * Assigns the topic's partitions once it has some, and seeks them to the stored offsets: the
   * first time the single-writer lock is taken, so a standby waits here. A database that fails is
   * retried after a backoff until {@link #stop()}; {@code deadline} bounds only the wait for the
   * topic.
   */
  private void awaitPartitions(long deadline) {
    while (partitions.isEmpty() && !stopping.get()) {
      List<PartitionInfo> infos;
      try {
        infos = kafka.partitionsFor(config.topics().events(), Duration.ofSeconds(5));
      } catch (WakeupException | org.apache.kafka.common.errors.TimeoutException e) {
        infos = List.of();
      }
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> found = new ArrayList<>();
        for (PartitionInfo info : infos) {
          found.add(new TopicPartition(info.topic(), info.partition()));
        }
        kafka.assign(found);
        seekWithRetry(found);
        return;
      }
      if (System.nanoTime() >= deadline || !sleep(Duration.ofMillis(200))) {
        return;
      }
    }
  }

  /** Seeks {@code found} to the stored offsets and makes them the consumed partitions; retries until {@link #stop()}. */
  private void seekWithRetry(List<TopicPartition> found) {
    Duration wait = INITIAL_BACKOFF;
    while (!stopping.get()) {
      try {
        seekToStoredOffsets(found);
        partitions = List.copyOf(found);
        return;
      } catch (SQLException | StoreException e) {
        writers.discard();
        if (stopping.get()) {
          return;
        }
        LOG.warn("cannot read the stored offsets, retrying in {} ms: {}", wait.toMillis(), e.getMessage());
      }
      if (!sleep(wait)) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
    }
  }

  /** Seeks {@code partitions} to their offsets in {@code consumer_offset}, or the beginning; returns those read. */
  private Map<TopicPartition, Long> seekToStoredOffsets(List<TopicPartition> partitions) throws SQLException {
    Map<TopicPartition, Long> stored = offsets.read(writers.get().connection(), config.topics().events());
    writers.get().connection().commit();
    List<TopicPartition> fresh = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long next = stored.get(tp);
      if (next == null) {
        fresh.add(tp);
      } else {
        kafka.seek(tp, next);
      }
    }
    if (!fresh.isEmpty()) {
      kafka.seekToBeginning(fresh);
    }
    return stored;
  }

  private boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return !stopping.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.set(true);
      return false;
    }
  }

  @Override
  public void close() {
    writers.close();
    deadLetters.close();
    kafka.close(Duration.ofSeconds(5));
  }
}
