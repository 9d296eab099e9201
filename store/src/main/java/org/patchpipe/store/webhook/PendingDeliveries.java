package org.patchpipe.store.webhook;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.db.WebhookDeliveryRepository.Pending;

/**
 * One worker's pending deliveries in memory (the database holds them too, and this is loaded from
 * it on every new session): a queue per order key, so choosing what to send next costs no query.
 * Only a queue's head may be sent, which keeps each patch's events in order. Not thread-safe.
 */
final class PendingDeliveries {
  private final Map<String, ArrayDeque<Pending>> byKey = new HashMap<>();
  private int size;

  /** Appends deliveries queued after those already here (events in id order). */
  void addAll(List<Pending> pending) {
    for (Pending p : pending) {
      byKey.computeIfAbsent(p.orderKey(), k -> new ArrayDeque<>()).addLast(p);
      size++;
    }
  }

  /** The heads due at {@code now} (a first attempt always is), oldest event first, at most {@code limit}. */
  List<Pending> due(Instant now, int limit) {
    List<Pending> due = new ArrayList<>();
    for (ArrayDeque<Pending> queue : byKey.values()) {
      Pending head = queue.peekFirst();
      if (head.attempt() == 0 || !head.nextAttempt().isAfter(now)) {
        due.add(head);
      }
    }
    due.sort(Comparator.comparingLong(Pending::eventId));
    return due.size() > limit ? due.subList(0, limit) : due;
  }

  /** The head of its key is done (delivered or given up). */
  void remove(Pending head) {
    ArrayDeque<Pending> queue = byKey.get(head.orderKey());
    queue.removeFirst();
    size--;
    if (queue.isEmpty()) {
      byKey.remove(head.orderKey());
    }
  }

  /** The head of its key failed and is tried again at {@code next}. */
  void retry(Pending head, int attempt, Instant next) {
    ArrayDeque<Pending> queue = byKey.get(head.orderKey());
    queue.removeFirst();
    queue.addFirst(new Pending(head.eventId(), head.orderKey(), attempt, head.queued(), next));
  }

  int size() {
    return size;
  }
}
