package org.patchpipe.store.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.Topics;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The Patchwork events topic on a real broker: the events stored once the publisher runs, each as
 * the API's JSON keyed by its patch with its id in a header; a restart publishes on from where the
 * last one stopped, losing nothing.
 */
@ExtendWith(SharedPostgres.class)
class EventTopicPublisherTest {
  @TempDir Path dir;

  @Test
  void publishesEveryNewEventAsTheApiJsonAndResumesAfterARestart(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String topic = Topics.DEFAULT.withPrefix("t1.").patchworkEvents();
    assertEquals("t1.patchpipe.events", topic);
    long p = world.patch(1);
    world.event(1, "patch-created", p); // before the first start: not published
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")))) {
      List<Long> events = new ArrayList<>();
      try (EventTopicPublisher publisher = EventTopicPublisher.start(world.connector(), broker.bootstrapServers(),
          topic, 3, (short) 1, WebhookWorld.FAST)) {
        Thread.sleep(2000);
        for (int i = 0; i < 10; i++) {
          events.add(world.event(1, "patch-state-changed", p));
        }
        Thread.sleep(1000);
      }
      for (int i = 0; i < 10; i++) {
        events.add(world.event(1, "check-created", p)); // while stopped
      }
      try (EventTopicPublisher publisher = EventTopicPublisher.start(world.connector(), broker.bootstrapServers(),
          topic, 3, (short) 1, WebhookWorld.FAST)) {
        List<ConsumerRecord<String, String>> got = consume(broker, topic, events.size());
        ObjectMapper json = new ObjectMapper();
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> r : got) {
          long id = Long.parseLong(new String(r.headers().lastHeader(EventTopicPublisher.EVENT_ID_HEADER).value(),
              StandardCharsets.UTF_8));
          assertEquals(id, json.readTree(r.value()).get("id").asLong());
          assertEquals("patch:" + p, r.key());
          ids.add(id);
        }
        assertEquals(events, ids.stream().distinct().toList(), "every event after the start, in order");
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consume(EmbeddedBroker broker, String topic, int count) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> got = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (got.size() < count && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
    }
    assertTrue(got.size() >= count, "only " + got.size() + " of " + count);
    return got;
  }
}
