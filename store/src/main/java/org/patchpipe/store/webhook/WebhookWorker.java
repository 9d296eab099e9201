package org.patchpipe.store.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.random.RandomGenerator;
import org.patchpipe.store.db.WebhookDeliveryRepository;
import org.patchpipe.store.db.WebhookDeliveryRepository.Pending;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.db.WebhookRepository.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one webhook on a thread and a database session of its own: holds the webhook's
 * advisory lock (one process delivers it), queues new events ({@link EventIntake}) and sends what
 * is due, oldest event first, up to {@link #IN_FLIGHT} at once, each about another patch. An event
 * waits while an earlier one about the same patch is pending, so each patch's events arrive in
 * order; a receiver that does not answer pauses only this worker until the failed delivery's next
 * attempt.
 */
final class WebhookWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);
  /** Deliveries sent at once, each about another patch. */
  private static final int IN_FLIGHT = 64;

  private final long id;
  private final WebhookDispatcher.Connector connector;
  private final WebhookSettings settings;
  private final RandomGenerator random;
  private final Thread thread;
  private volatile boolean running = true;

  WebhookWorker(long id, WebhookDispatcher.Connector connector, WebhookSettings settings, RandomGenerator random) {
    this.id = id;
    this.connector = connector;
    this.settings = settings;
    this.random = random;
    this.thread = new Thread(this, "patchpipe-webhook-" + id);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops after the current attempt. */
  void stop() {
    running = false;
    thread.interrupt();
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  @Override
  public void run() {
    while (running) {
      try (Connection c = connector.open()) {
        WebhookRepository webhooks = new WebhookRepository(c);
        if (!webhooks.tryLock(id)) {
          pause(settings.webhookPoll().toMillis());
          continue;
        }
        Optional<Webhook> webhook = webhooks.find(id);
        if (webhook.isEmpty() || !webhook.get().enabled()) {
          return;
        }
        deliverFrom(c, webhook.get());
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.warn("webhook {}: {}; trying again", id, e.getMessage());
          pause(1000);
        }
      }
    }
  }

  private void deliverFrom(Connection c, Webhook webhook) throws SQLException {
    WebhookSecret secret = WebhookSecret.parse(webhook.secret());
    EventIntake intake = new EventIntake(webhook, settings.baseUrl(), settings.gapWait());
    WebhookDeliveryRepository deliveries = new WebhookDeliveryRepository(c);
    PendingDeliveries pending = new PendingDeliveries();
    pending.addAll(deliveries.pending(id));
    try (WebhookSender sender = new WebhookSender(webhook.url(), secret, settings.connectTimeout(),
        settings.requestTimeout(), thread.getName())) {
      Instant pausedUntil = Instant.MIN;
      while (running) {
        List<Pending> queued = intake.pull(c);
        pending.addAll(queued);
        int sent = 0;
        if (!Instant.now().isBefore(pausedUntil)) {
          Pass pass = deliver(deliveries, pending, sender);
          sent = pass.sent();
          pausedUntil = pass.pausedUntil();
        }
        if (queued.isEmpty() && sent == 0) {
          pause(settings.eventPoll().toMillis());
        }
      }
    }
  }

  /** What one pass over the pending deliveries did; {@code pausedUntil} MIN unless the receiver is down. */
  private record Pass(int sent, Instant pausedUntil) {}

  private Pass deliver(WebhookDeliveryRepository deliveries, PendingDeliveries pending, WebhookSender sender)
      throws SQLException {
    List<Pending> due = pending.due(Instant.now(), IN_FLIGHT);
    if (due.isEmpty()) {
      return new Pass(0, Instant.MIN);
    }
    Map<Long, String> bodies = deliveries.bodies(id, due.stream().map(Pending::eventId).toList());
    // Each is the oldest pending one of its patch: sending them at once keeps every patch in order.
    List<CompletableFuture<WebhookSender.Attempt>> sent = new ArrayList<>();
    for (Pending p : due) {
      sent.add(sender.send(Long.toString(p.eventId()), bodies.get(p.eventId())));
    }
    List<WebhookDeliveryRepository.Attempted> outcomes = new ArrayList<>();
    Instant pausedUntil = Instant.MIN;
    for (int i = 0; i < due.size(); i++) {
      Pending p = due.get(i);
      WebhookSender.Attempt attempt;
      try {
        attempt = sent.get(i).get();
      } catch (InterruptedException | ExecutionException e) {
        break; // stopping: what is not recorded is sent again, with the same id
      }
      int number = p.attempt() + 1;
      Instant now = Instant.now();
      if (attempt.delivered()) {
        outcomes.add(new WebhookDeliveryRepository.Attempted(p.eventId(), number, attempt.status(),
            attempt.latencyMs(), null, null, now));
        pending.remove(p);
        continue;
      }
      Instant next = settings.retry().next(number, p.queued(), now, random);
      outcomes.add(new WebhookDeliveryRepository.Attempted(p.eventId(), number, attempt.status(),
          attempt.latencyMs(), attempt.error(), next, null));
      if (next == null) {
        LOG.warn("webhook {}: gave up event {} after {} attempts: {}", id, p.eventId(), number, attempt.error());
        pending.remove(p);
        continue;
      }
      pending.retry(p, number, next);
      if (attempt.unreachable() && next.isAfter(pausedUntil)) {
        pausedUntil = next;
      }
    }
    deliveries.attempted(id, outcomes);
    return new Pass(outcomes.size(), pausedUntil);
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // stop() interrupts; the loop checks running.
    }
  }
}
