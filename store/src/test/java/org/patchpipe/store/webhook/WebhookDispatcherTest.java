package org.patchpipe.store.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * The dispatcher against real HTTP receivers (JDK HttpServer) on a real PostgreSQL: messages
 * signed as Standard Webhooks receivers verify them, each the API's event JSON with the event's id
 * as {@code webhook-id}; each patch's events in order; retried after 500s; a hanging receiver
 * delays no other; a webhook added while running starts; a restart resumes without loss.
 */
@ExtendWith(SharedPostgres.class)
class WebhookDispatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void deliversEverySignedEventAsTheApiJsonInOrderPerPatch(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String secret = WebhookWorld.secret();
    try (Receiver receiver = Receiver.ok(secret);
        WebhookDispatcher dispatcher = WebhookDispatcher.start(world.connector(), WebhookWorld.FAST)) {
      world.addWebhook(receiver.url(), secret, null, List.of());
      Thread.sleep(500); // a webhook gets the events stored once it exists
      long[] patches = {world.patch(1), world.patch(1), world.patch(2)};
      List<Long> events = new ArrayList<>();
      String[] categories = {"patch-created", "patch-state-changed", "patch-delegated", "check-created"};
      for (String category : categories) {
        for (long p : patches) {
          events.add(world.event(p == patches[2] ? 2 : 1, category, p));
        }
      }
      List<Receiver.Message> got = receiver.await(events.size(), WAIT);
      assertEquals(events.size(), got.size());
      Map<Long, List<Long>> perPatch = new HashMap<>();
      for (Receiver.Message m : got) {
        assertTrue(m.verified(), "signature of " + m.id());
        JsonNode body = JSON.readTree(m.body());
        assertEquals(m.id(), body.get("id").asText());
        assertTrue(body.get("project").has("link_name"));
        assertTrue(body.get("payload").get("patch").get("url").asText()
            .startsWith("http://patchwork.example/api/1.2/patches/"));
        perPatch.computeIfAbsent(body.get("payload").get("patch").get("id").asLong(), k -> new ArrayList<>())
            .add(Long.parseLong(m.id()));
      }
      assertEquals(Set.copyOf(events), Set.copyOf(got.stream().map(m -> Long.parseLong(m.id())).toList()));
      for (List<Long> ids : perPatch.values()) {
        assertEquals(ids.stream().sorted().toList(), ids, "in order per patch");
      }
    }
  }

  @Test
  void filtersByProjectAndCategory(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String secret = WebhookWorld.secret();
    try (Receiver receiver = Receiver.ok(secret);
        WebhookDispatcher dispatcher = WebhookDispatcher.start(world.connector(), WebhookWorld.FAST)) {
      world.addWebhook(receiver.url(), secret, "alpha", List.of("patch-created", "check-created"));
      long a = world.patch(1);
      long b = world.patch(2);
      world.event(1, "patch-state-changed", a);
      long wanted = world.event(1, "patch-created", a);
      world.event(2, "patch-created", b);
      long last = world.event(1, "check-created", a);
      List<Receiver.Message> got = receiver.await(2, WAIT);
      Thread.sleep(500);
      assertEquals(List.of(Long.toString(wanted), Long.toString(last)),
          receiver.messages().stream().map(Receiver.Message::id).toList());
    }
  }

  @Test
  void retriesAfterServerErrorsWithTheSameIdAndKeepsThePatchWaiting(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String secret = WebhookWorld.secret();
    // The first two requests fail with 500; everything after succeeds.
    try (Receiver receiver = new Receiver(secret, n -> n <= 2 ? 500 : 200);
        WebhookDispatcher dispatcher = WebhookDispatcher.start(world.connector(), WebhookWorld.FAST)) {
      long hook = world.addWebhook(receiver.url(), secret, null, List.of());
      long p = world.patch(1);
      long first = world.event(1, "patch-created", p);
      long second = world.event(1, "patch-state-changed", p);
      List<Receiver.Message> got = receiver.await(4, WAIT);
      assertEquals(List.of(first, first, first, second), got.stream().map(m -> Long.parseLong(m.id())).toList());
      assertTrue(got.stream().allMatch(Receiver.Message::verified));
      assertEquals(got.get(0).body(), got.get(2).body(), "every attempt sends the same message");
      waitFor(() -> world.deliveries(hook).equals(
          List.of(first + ":3:200:delivered", second + ":1:200:delivered")));
    }
  }

  @Test
  void aHangingReceiverDelaysNoOther(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String secret = WebhookWorld.secret();
    try (Receiver hanging = Receiver.ok(secret);
        Receiver healthy = Receiver.ok(secret);
        WebhookDispatcher dispatcher = WebhookDispatcher.start(world.connector(),
            WebhookWorld.FAST.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)))) {
      hanging.hang(Duration.ofSeconds(30));
      world.addWebhook(hanging.url(), secret, null, List.of());
      world.addWebhook("http://127.0.0.1:1/refused", secret, null, List.of());
      world.addWebhook(healthy.url(), secret, null, List.of());
      Thread.sleep(500);
      long p = world.patch(1);
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        world.event(1, "patch-state-changed", p);
      }
      assertEquals(10, healthy.await(10, WAIT).size());
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 3000, "the healthy receiver had its 10 events after " + ms + " ms");
      assertEquals(1, hanging.messages().size(), "the hanging receiver holds its first message");
      hanging.hang(Duration.ZERO);
    }
  }

  @Test
  void aWebhookAddedWhileRunningStartsWithinSeconds(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String secret = WebhookWorld.secret();
    try (Receiver receiver = Receiver.ok(secret);
        WebhookDispatcher dispatcher = WebhookDispatcher.start(world.connector(),
            WebhookWorld.FAST.withPolls(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMillis(200)))) {
      long p = world.patch(1);
      long before = world.event(1, "patch-created", p);
      Thread.sleep(1000);
      world.addWebhook(receiver.url(), secret, null, List.of());
      long after = world.event(1, "patch-state-changed", p);
      long start = System.nanoTime();
      List<Receiver.Message> got = receiver.await(1, Duration.ofSeconds(10));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(List.of(Long.toString(after)), got.stream().map(Receiver.Message::id).toList(),
          "only what was stored after the webhook was added, not " + before);
      assertTrue(ms < 5000, "took " + ms + " ms");
    }
  }

  @Test
  void aRestartResumesWithoutLossAndDuplicatesKeepTheirId(TestDatabase db) throws Exception {
    WebhookWorld world = new WebhookWorld(db);
    String secret = WebhookWorld.secret();
    try (Receiver receiver = Receiver.ok(secret)) {
      world.addWebhook(receiver.url(), secret, null, List.of());
      long p = world.patch(1);
      Set<Long> events = new LinkedHashSet<>();
      WebhookDispatcher first = WebhookDispatcher.start(world.connector(), WebhookWorld.FAST);
      for (int i = 0; i < 30; i++) {
        events.add(world.event(1, "patch-state-changed", p));
      }
      receiver.await(5, WAIT);
      first.close(); // mid-delivery
      for (int i = 0; i < 30; i++) {
        events.add(world.event(1, "check-created", p));
      }
      try (WebhookDispatcher second = WebhookDispatcher.start(world.connector(), WebhookWorld.FAST)) {
        waitFor(() -> receiver.messages().stream().map(m -> Long.parseLong(m.id())).collect(
            java.util.stream.Collectors.toSet()).containsAll(events));
      }
      List<Receiver.Message> got = receiver.messages();
      Map<String, String> bodies = new HashMap<>();
      for (Receiver.Message m : got) {
        assertTrue(m.verified());
        String earlier = bodies.putIfAbsent(m.id(), m.body());
        assertTrue(earlier == null || earlier.equals(m.body()), "a duplicate is the same message");
      }
      List<Long> ids = got.stream().map(m -> Long.parseLong(m.id())).distinct().toList();
      assertEquals(ids.stream().sorted().toList(), ids, "one patch's events in order across the restart");
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check check) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + WAIT);
      }
      Thread.sleep(50);
    }
  }
}
