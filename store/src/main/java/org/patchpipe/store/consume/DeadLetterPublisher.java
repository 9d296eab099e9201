package org.patchpipe.store.consume;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.patchpipe.event.EventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an event the store sets aside to the dead-letter topic, with the event's own headers plus
 * {@link EventHeaders#REASON} and where it was read ({@link EventHeaders#SOURCE_TOPIC},
 * {@link EventHeaders#SOURCE_PARTITION}, {@link EventHeaders#SOURCE_OFFSET}), so tools that watch
 * ingest's dead letters see the store's too.
 *
 * <p>At least once, never in the way: a plain idempotent producer (no Kafka transaction: the
 * store's transaction is PostgreSQL's) sends the copy and waits for it before the consumer commits
 * the {@code poison_event} row, so a crash in between publishes it again on the next attempt. If the
 * topic cannot be written (broker down, topic missing, too large), the failure is logged and
 * {@link #publish} returns false: the table row is written all the same, because the row, not the
 * topic, is what {@code dead-letters list|retry} works from. Not thread-safe.
 */
final class DeadLetterPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetterPublisher(StoreConfig config) {
    this.topic = config.topics().deadLetters();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.consumerName() + "-dead-letters");
    // A dead-letter topic that cannot be written must not hold the store up for a minute per event.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis() - 1000));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 << 20));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  /** Sends {@code record} with {@code reason} and waits for the broker; false (logged) if it could not. */
  boolean publish(ConsumerRecord<byte[], byte[]> record, String reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.remove(EventHeaders.REASON);
    headers.add(EventHeaders.REASON, PoisonEvents.storable(reason).getBytes(UTF_8));
    headers.add(EventHeaders.SOURCE_TOPIC, record.topic().getBytes(UTF_8));
    headers.add(EventHeaders.SOURCE_PARTITION, Integer.toString(record.partition()).getBytes(UTF_8));
    headers.add(EventHeaders.SOURCE_OFFSET, Long.toString(record.offset()).getBytes(UTF_8));
    try {
      producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      producer.flush();
      return true;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.error("could not copy the set-aside event {}-{}@{} to the dead-letter topic {} (it is kept in"
          + " poison_event all the same): {}", record.topic(), record.partition(), record.offset(), topic, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
