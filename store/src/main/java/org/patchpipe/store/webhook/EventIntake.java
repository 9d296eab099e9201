package org.patchpipe.store.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.event.EventHandler;
import org.patchpipe.store.db.EventRepository;
import org.patchpipe.store.db.EventRepository.EventRow;
import org.patchpipe.store.db.WebhookDeliveryRepository;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.db.WebhookRepository.Webhook;

/**
 * Queues one webhook's new events: reads the events after its cursor, renders those it wants as
 * the API's event JSON, and queues them with the cursor moved, in one transaction, so a crash
 * queues each event once or not yet. Event ids are taken before their transaction commits, so a
 * hole in the ids may still fill: the intake stops at a hole until no transaction that could fill
 * it is open (and at least {@code holeWait} has passed, at most {@link #HOLE_GIVE_UP}). Not
 * thread-safe: one per worker.
 */
final class EventIntake {
  private static final int BATCH = 500;
  /** A hole still unfilled this long is passed even if some old transaction is open. */
  private static final Duration HOLE_GIVE_UP = Duration.ofMinutes(5);

  private final Webhook webhook;
  private final Urls urls;
  private final Duration holeWait;
  private long cursor;
  private long holeAt = -1;
  private Instant holeSeen;
  private long holeSeenNanos;

  EventIntake(Webhook webhook, String baseUrl, Duration holeWait) {
    this.webhook = webhook;
    this.urls = new Urls(baseUrl, "/api/1.2/");
    this.holeWait = holeWait;
    this.cursor = webhook.lastEventId();
  }

  /** Queues what is new; the deliveries queued, oldest first. */
  List<WebhookDeliveryRepository.Pending> pull(Connection c) throws SQLException {
    EventRepository events = new EventRepository(c);
    List<EventRow> rows = events.after(cursor, BATCH);
    long upTo = cursor;
    List<WebhookDeliveryRepository.Queued> queued = new ArrayList<>();
    for (EventRow row : rows) {
      if (row.id() != upTo + 1 && !holePassed(events, upTo + 1)) {
        break;
      }
      if (webhook.wants(row.project().id(), row.category())) {
        queued.add(new WebhookDeliveryRepository.Queued(row.id(), orderKey(row),
            new String(EventHandler.render(row, urls), StandardCharsets.UTF_8)));
      }
      upTo = row.id();
    }
    if (upTo == cursor) {
      return List.of();
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      new WebhookDeliveryRepository(c).queue(webhook.id(), queued);
      new WebhookRepository(c).advance(webhook.id(), upTo);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
    cursor = upTo;
    Instant now = Instant.now();
    return queued.stream().map(q -> new WebhookDeliveryRepository.Pending(q.eventId(), q.orderKey(), 0, now, now))
        .toList();
  }

  /** Whether the hole at {@code id} is for good; the first call for a hole only notes it. */
  private boolean holePassed(EventRepository events, long id) throws SQLException {
    if (holeAt != id) {
      holeAt = id;
      holeSeen = events.databaseNow();
      holeSeenNanos = System.nanoTime();
      return false;
    }
    long waited = System.nanoTime() - holeSeenNanos;
    if (waited < holeWait.toNanos()) {
      return false;
    }
    return waited >= HOLE_GIVE_UP.toNanos() || !events.writerOlderThan(holeSeen);
  }

  /** What orders the event: its patch, else its cover, else its series, else its project. */
  static String orderKey(EventRow row) {
    if (row.patch() != null) {
      return "patch:" + row.patch().id();
    }
    if (row.cover() != null) {
      return "cover:" + row.cover().id();
    }
    if (row.series() != null) {
      return "series:" + row.series().id();
    }
    return "project:" + row.project().id();
  }
}
