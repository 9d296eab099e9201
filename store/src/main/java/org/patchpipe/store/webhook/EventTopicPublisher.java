package org.patchpipe.store.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.EventPublicationRepository;
import org.patchpipe.store.db.EventRepository;
import org.patchpipe.store.db.EventRepository.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Patchwork's events to a Kafka topic for consumers that live on Kafka: each event as the
 * API's event JSON ({@code /api/1.2/events/}), keyed by what it is about ({@code patch:12}, so one
 * patch's events stay in order on one partition), its id in the {@code patchpipe.event-id} header.
 * At least once: the cursor ({@code event_publication}) moves only after Kafka acknowledged
 * everything up to it, so a crash republishes a few events with the same id. Runs on a thread and a
 * database session of its own. {@link #close()} stops it.
 */
public final class EventTopicPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventTopicPublisher.class);
  private static final int BATCH = 500;
  /** The record header carrying the event's id. */
  public static final String EVENT_ID_HEADER = "patchpipe.event-id";

  private final WebhookDispatcher.Connector connector;
  private final String bootstrapServers;
  private final String topic;
  private final int partitions;
  private final short replication;
  private final Urls urls;
  private final WebhookSettings settings;
  private final Thread thread;
  private volatile boolean running = true;

  private EventTopicPublisher(WebhookDispatcher.Connector connector, String bootstrapServers, String topic,
      int partitions, short replication, WebhookSettings settings) {
    this.connector = connector;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partitions = partitions;
    this.replication = replication;
    this.urls = EventIntake.apiUrls(settings.baseUrl());
    this.settings = settings;
    this.thread = new Thread(this::run, "patchpipe-events-topic");
    thread.setDaemon(true);
  }

  /** Starts publishing to {@code topic} (created with {@code partitions} if missing). */
  public static EventTopicPublisher start(WebhookDispatcher.Connector connector, String bootstrapServers,
      String topic, int partitions, short replication, WebhookSettings settings) {
    EventTopicPublisher p = new EventTopicPublisher(connector, bootstrapServers, topic, partitions, replication,
        settings);
    p.thread.start();
    return p;
  }

  private void run() {
    while (running) {
      KafkaProducer<String, String> producer = null;
      try (Connection c = connector.open()) {
        producer = producer();
        createTopic();
        EventPublicationRepository publications = new EventPublicationRepository(c);
        EventCursor cursor = new EventCursor(publications.cursor(topic), settings.gapWait());
        EventRepository events = new EventRepository(c);
        while (running) {
          List<EventRow> rows = cursor.next(events, BATCH);
          if (rows.isEmpty()) {
            Thread.sleep(settings.eventPoll().toMillis());
            continue;
          }
          List<Future<RecordMetadata>> sent = new ArrayList<>();
          for (EventRow row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, EventIntake.orderKey(row),
                EventIntake.render(row, urls));
            record.headers().add(EVENT_ID_HEADER, Long.toString(row.id()).getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
          }
          producer.flush();
          for (Future<RecordMetadata> f : sent) {
            f.get(); // a send that failed fails the batch: the cursor stays, the batch goes again
          }
          long upTo = rows.get(rows.size() - 1).id();
          publications.advance(topic, upTo);
          cursor.advance(upTo);
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException | ExecutionException e) {
        if (running) {
          LOG.warn("publishing events to {}: {}; trying again", topic, e.getMessage());
          try {
            Thread.sleep(1000);
          } catch (InterruptedException stop) {
            return;
          }
        }
      } finally {
        closeQuietly(producer);
      }
    }
  }

  /** Closes without waiting long for a broker that is gone: what was not acknowledged goes again. */
  private static void closeQuietly(KafkaProducer<String, String> producer) {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        // Closing a failed producer: nothing left to do.
      }
    }
  }

  private KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "patchpipe-events-topic");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // A broker that is down fails the batch in seconds (it goes again), never holds a shutdown.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private void createTopic() throws ExecutionException, InterruptedException {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Stops publishing; safe to call twice. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(15).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
