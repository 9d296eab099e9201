package org.patchpipe.store.consume;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the events to blame when a batch fails on its data, sets them aside, and writes them again
 * when a retry is requested. Isolation writes the batch event by event, each in its own transaction
 * with its offset; an event that fails alone with a {@link FailureKind#DATA} failure is copied to
 * the dead-letter topic and recorded in {@code poison_event} in one transaction with its offset
 * moved past it, and the rest of the batch goes on. A {@link FailureKind#RETRIABLE} failure stops
 * isolation and is thrown to the consumer, which backs off and reads from the stored offsets
 * (the events committed so far stay committed). Not thread-safe; used from the consumer's thread.
 */
final class Quarantine {
  private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

  private final WriterSlot writers;
  private final DeadLetterPublisher deadLetters;
  private final String consumer;

  Quarantine(WriterSlot writers, DeadLetterPublisher deadLetters, String consumer) {
    this.writers = writers;
    this.deadLetters = deadLetters;
    this.consumer = consumer;
  }

  /**
   * Writes {@code batch} event by event, setting aside what fails on its data; {@code committed}
   * gets the totals of each transaction as it commits.
   *
   * @throws SQLException or a runtime exception on a retriable failure (the writer is discarded)
   */
  void isolate(List<ConsumerRecord<byte[], byte[]>> batch, Consumer<ConsumerStats> committed) throws SQLException {
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      try {
        committed.accept(writers.get().write(List.of(record)));
        continue;
      } catch (SQLException | RuntimeException e) {
        writers.discard();
        if (FailureKind.of(e) == FailureKind.RETRIABLE) {
          throw e;
        }
        setAside(record, e);
      }
      committed.accept(ConsumerStats.ONE_SET_ASIDE);
    }
  }

  private void setAside(ConsumerRecord<byte[], byte[]> record, Exception failure) throws SQLException {
    LOG.error("event {}-{}@{} is refused on its own and is set aside in poison_event: {}",
        record.topic(), record.partition(), record.offset(), PoisonEvents.storable(FailureKind.reason(failure)));
    // Before the commit: a crash in between reads the event again and publishes it again (at least once).
    deadLetters.publish(record, FailureKind.reason(failure));
    try {
      writers.get().setAside(consumer, record, failure);
    } catch (SQLException | RuntimeException e) {
      // Whatever the kind: recording a row of bytes and text should not fail on its data, so
      // this is the database's trouble; back off and read the event again.
      writers.discard();
      e.addSuppressed(failure);
      throw e;
    }
  }

  /**
   * Writes again every row of this consumer in state {@code retrying}: each in one transaction with
   * its row marked {@code stored}, or marked {@code failed} with the new reason. A retriable failure
   * leaves the rest {@code retrying} for the next call; it is logged, not thrown.
   */
  void retryRequested(Consumer<ConsumerStats> committed) {
    try {
      List<PoisonEvent> rows = PoisonEvents.retrying(writers.get().connection(), consumer);
      writers.get().connection().commit();
      for (PoisonEvent row : rows) {
        retry(row, committed);
      }
    } catch (SQLException | RuntimeException e) {
      writers.discard();
      LOG.warn("retrying set-aside events failed; trying again later: {}", e.getMessage());
    }
  }

  private void retry(PoisonEvent row, Consumer<ConsumerStats> committed) throws SQLException {
    try {
      committed.accept(writers.get().rewrite(row));
      LOG.info("set-aside event {} ({}-{}@{}) is stored now", row.id(), row.topic(), row.partition(), row.offset());
    } catch (SQLException | RuntimeException e) {
      writers.discard();
      if (FailureKind.of(e) == FailureKind.RETRIABLE) {
        throw e;
      }
      LOG.warn("set-aside event {} is refused again: {}", row.id(), PoisonEvents.storable(FailureKind.reason(e)));
      writers.get().failedAgain(row, e);
    }
  }
}
