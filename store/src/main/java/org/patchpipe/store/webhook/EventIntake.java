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
 * Queues one webhook's new events: reads the events after its cursor ({@link EventCursor}),
 * renders those it wants as the API's event JSON, and queues them with the cursor moved, in one
 * transaction, so a crash queues each event once or not yet. Not thread-safe: one per worker.
 */
final class EventIntake {
  private static final int BATCH = 500;

  private final Webhook webhook;
  private final Urls urls;
  private final EventCursor cursor;

  EventIntake(Webhook webhook, String baseUrl, Duration holeWait) {
    this.webhook = webhook;
    this.urls = apiUrls(baseUrl);
    this.cursor = new EventCursor(webhook.lastEventId(), holeWait);
  }

  /** The links of pushed events: those of {@code /api/1.2/events/}. */
  static Urls apiUrls(String baseUrl) {
    return new Urls(baseUrl, "/api/1.2/");
  }

  /** Queues what is new; the deliveries queued, oldest first. */
  List<WebhookDeliveryRepository.Pending> pull(Connection c) throws SQLException {
    List<EventRow> rows = cursor.next(new EventRepository(c), BATCH);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<WebhookDeliveryRepository.Queued> queued = new ArrayList<>();
    for (EventRow row : rows) {
      if (webhook.wants(row.project().id(), row.category())) {
        queued.add(new WebhookDeliveryRepository.Queued(row.id(), orderKey(row), render(row, urls)));
      }
    }
    long upTo = rows.get(rows.size() - 1).id();
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
    cursor.advance(upTo);
    Instant now = Instant.now();
    return queued.stream().map(q -> new WebhookDeliveryRepository.Pending(q.eventId(), q.orderKey(), 0, now, now))
        .toList();
  }

  static String render(EventRow row, Urls urls) {
    return new String(EventHandler.render(row, urls), StandardCharsets.UTF_8);
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
