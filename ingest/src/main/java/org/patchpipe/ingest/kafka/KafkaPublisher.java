package org.patchpipe.ingest.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.EventHeaders;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;

/**
 * Writes a batch of messages and the source position after them in ONE Kafka transaction: raw
 * bytes to the raw topic (keyed by Message-ID), events to the events topic (keyed by list id),
 * dead letters to the dead-letter topic, and the new {@link Position} to the compacted positions
 * topic (keyed by source id). A read_committed consumer sees all of a batch or none of it, and the
 * position committed is always the one after the last message it sees: that is why a process
 * killed at any moment and started again publishes every message exactly once.
 *
 * <pre>{@code
 * try (KafkaPublisher publisher = new KafkaPublisher(PublisherConfig.of("127.0.0.1:9092", "replay-1"))) {
 *   publisher.publish(source.id(), batch, lastPosition);
 * }
 * }</pre>
 *
 * <p>Failures follow {@link KafkaProducer}'s transactional contract: fenced, unauthorised or an
 * out-of-order sequence close the producer and throw {@link PublishException}; a commit that times
 * out is committed again (it may have succeeded), never aborted or sent anew; any other {@link
 * KafkaException} (the broker restarting, a timeout before the commit) aborts the transaction and
 * sends the whole batch again, with backoff, until {@link PublisherConfig#retryFor()} has passed.
 * A producer that cannot even abort is replaced: a new one with the same transactional id aborts
 * what the old one left open. Creating the publisher does the same for a previous process that was
 * killed. One per thread.
 */
public final class KafkaPublisher implements AutoCloseable {
  /** Room left for record headers and batch overhead under the topic's max.message.bytes. */
  private static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

  private final PublisherConfig config;
  private final Topics topics;
  private final EventCodec codec = new EventCodec();
  private KafkaProducer<byte[], byte[]> producer;
  private long transactions;
  private long retries;

  /**
   * Connects and initialises transactions, fencing any earlier producer with the same
   * transactional id and aborting its open transaction.
   *
   * @throws PublishException if the cluster cannot be reached within {@code retryFor} or refuses
   */
  public KafkaPublisher(PublisherConfig config) {
    this.config = config;
    this.topics = config.topics();
    long deadline = System.nanoTime() + config.retryFor().toNanos();
    for (int attempt = 0; producer == null; attempt++) {
      try {
        producer = newProducer();
      } catch (ProducerFencedException e) {
        throw new PublisherFencedException("Kafka refused the producer: " + e.getMessage(), e);
      } catch (AuthorizationException | UnsupportedVersionException e) {
        throw new PublishException("Kafka refused the producer: " + e.getMessage(), e);
      } catch (KafkaException e) {
        waitOrGiveUp(deadline, attempt, e);
      }
    }
  }

  /** The largest raw message or event this publisher sends; larger ones must be dead letters. */
  public int maxRecordBytes() {
    return topics.maxMessageBytes() - RECORD_OVERHEAD_BYTES;
  }

  /**
   * Publishes {@code batch} and moves {@code sourceId}'s committed position to {@code next}, all in
   * one transaction. Returns once the transaction is committed.
   *
   * @throws PublishException if it cannot be committed (see the class comment); nothing of the
   *     batch is then visible and the previous position stands
   */
  public void publish(String sourceId, List<Publication> batch, Position next) {
    long deadline = System.nanoTime() + config.retryFor().toNanos();
    for (int attempt = 0; ; attempt++) {
      try {
        if (producer == null) {
          producer = newProducer();
        }
        producer.beginTransaction();
        for (Publication publication : batch) {
          send(sourceId, publication);
        }
        producer.send(
            new ProducerRecord<>(
                topics.positions(), sourceId.getBytes(UTF_8), codec.encodePosition(next)));
        commit(deadline);
        transactions++;
        return;
      } catch (ProducerFencedException e) {
        closeQuietly();
        throw fenced(e);
      } catch (InvalidProducerEpochException e) {
        // Kafka 4's transactions report a producer replaced under the same transactional id as a
        // stale epoch on send; only the coordinator tells that from its own timeout-abort, and
        // aborting is how to ask it: a replaced producer's abort is refused as fenced.
        boolean fenced = abortIsFenced();
        closeQuietly();
        throw fenced ? fenced(e) : new PublishException("stopped: " + e.getMessage(), e);
      } catch (OutOfOrderSequenceException
          | AuthorizationException
          | UnsupportedVersionException e) {
        closeQuietly();
        throw new PublishException("stopped: " + e.getMessage(), e);
      } catch (KafkaException e) {
        if (causedBy(e, RecordTooLargeException.class)) {
          abortOrReplace();
          throw new PublishException(
              "a record is larger than the cluster accepts: raise max.message.bytes of the topics "
                  + topics.names() + " (patchpipe sets " + topics.maxMessageBytes() + ")", e);
        }
        abortOrReplace();
        retries++;
        waitOrGiveUp(deadline, attempt, e);
      }
    }
  }

  /**
   * Commits the open transaction. A commit that times out on the client may still be completed by
   * the coordinator (it was sent, and the answer is late: a dead broker still counted among the
   * transaction log's in-sync replicas holds it up until it is fenced). Aborting then, or sending
   * the batch again in a new transaction, would publish it twice; Kafka's contract is to call
   * commit again, which waits for that same commit's answer. Past the deadline the outcome stays
   * unknown: the producer is closed and the caller must start over from the committed position.
   */
  private void commit(long deadline) {
    for (;;) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          closeQuietly();
          throw new PublishException("Kafka at " + config.bootstrapServers() + " did not answer a commit for "
              + config.retryFor() + "; whether it committed is unknown, so the batch is not sent again:"
              + " run again to resume after the last committed position (" + e.getMessage() + ")", e);
        }
      }
    }
  }

  private void send(String sourceId, Publication publication) {
    byte[] key = publication.messageId() == null ? null : publication.messageId().getBytes(UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventHeaders.SOURCE, sourceId.getBytes(UTF_8));
    headers.add(EventHeaders.POSITION, codec.encodePosition(publication.position()));
    if (publication instanceof Publication.Mail mail) {
      headers.add(EventHeaders.LIST_ID, mail.listId().getBytes(UTF_8));
      producer.send(new ProducerRecord<>(topics.raw(), null, key, mail.raw(), headers));
      RecordHeaders eventHeaders = new RecordHeaders(headers.toArray());
      eventHeaders.add(EventHeaders.SCHEMA_VERSION, Integer.toString(MailEvent.SCHEMA_VERSION).getBytes(UTF_8));
      eventHeaders.add(EventHeaders.KIND, mail.kind().getBytes(UTF_8));
      producer.send(
          new ProducerRecord<>(topics.events(), null, mail.listId().getBytes(UTF_8), mail.event(), eventHeaders));
    } else if (publication instanceof Publication.DeadLetter dead) {
      if (dead.listId() != null) {
        headers.add(EventHeaders.LIST_ID, dead.listId().getBytes(UTF_8));
      }
      if (dead.wholeMessage()) {
        producer.send(new ProducerRecord<>(topics.raw(), null, key, dead.raw(), headers));
      }
      RecordHeaders deadHeaders = new RecordHeaders(headers.toArray());
      deadHeaders.add(EventHeaders.REASON, oneLine(dead.reason()).getBytes(UTF_8));
      if (dead.messageId() != null) {
        deadHeaders.add(EventHeaders.MESSAGE_ID, dead.messageId().getBytes(UTF_8));
      }
      producer.send(new ProducerRecord<>(topics.deadLetters(), null, key, dead.raw(), deadHeaders));
    }
  }

  private static String oneLine(String reason) {
    String line = reason.replaceAll("[\\r\\n]+", " ");
    return line.length() > 2000 ? line.substring(0, 2000) + "..." : line;
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    Properties p = new Properties();
    p.put("bootstrap.servers", config.bootstrapServers());
    p.put("transactional.id", config.transactionalId());
    p.put("enable.idempotence", "true");
    p.put("acks", "all");
    p.put("linger.ms", "10");
    p.put("batch.size", Integer.toString(1 << 20));
    p.put("compression.type", "lz4");
    p.put("max.request.size", Integer.toString(topics.maxMessageBytes()));
    p.put("buffer.memory", Long.toString(Math.max(64L << 20, topics.maxMessageBytes() + (16L << 20))));
    p.put("max.block.ms", "30000");
    p.put("transaction.timeout.ms", "60000");
    p.putAll(config.producerOverrides());
    KafkaProducer<byte[], byte[]> created =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      created.initTransactions();
    } catch (RuntimeException e) {
      created.close(Duration.ZERO);
      throw e;
    }
    return created;
  }

  /** Aborts the open transaction; a producer that cannot abort is closed and made anew later. */
  private void abortOrReplace() {
    if (producer == null) {
      return;
    }
    try {
      producer.abortTransaction();
    } catch (KafkaException | IllegalStateException e) {
      closeQuietly();
    }
  }

  private PublisherFencedException fenced(KafkaException e) {
    return new PublisherFencedException("stopped: " + e.getMessage()
        + " (another process is publishing with transactional id '" + config.transactionalId() + "')", e);
  }

  /** Aborts the open transaction; true when the coordinator refuses because another producer took over. */
  private boolean abortIsFenced() {
    if (producer == null) {
      return false;
    }
    try {
      producer.abortTransaction();
      return false;
    } catch (KafkaException | IllegalStateException e) {
      return causedBy(e, ProducerFencedException.class);
    }
  }

  private void waitOrGiveUp(long deadline, int attempt, KafkaException cause) {
    if (System.nanoTime() > deadline) {
      String message = "Kafka at " + config.bootstrapServers() + " stayed unavailable for " + config.retryFor()
          + ": " + cause.getMessage();
      // A fencing Kafka reported wrapped is still a fencing: the caller must stop, not reconnect.
      throw causedBy(cause, ProducerFencedException.class)
          ? new PublisherFencedException(message, cause)
          : new PublishException(message, cause);
    }
    long backoffMillis = Math.min(5_000, 100L << Math.min(attempt, 6));
    try {
      Thread.sleep(backoffMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while waiting for Kafka", e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private void closeQuietly() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException ignored) {
        // Closing a broken producer can fail too; a new one replaces it either way.
      }
      producer = null;
    }
  }

  /** Committed transactions so far. */
  public long transactions() {
    return transactions;
  }

  /** Transactions aborted and sent again so far. */
  public long retries() {
    return retries;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(30));
      producer = null;
    }
  }
}
