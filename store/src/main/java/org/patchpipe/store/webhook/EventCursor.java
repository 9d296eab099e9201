package org.patchpipe.store.webhook;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.store.db.EventRepository;
import org.patchpipe.store.db.EventRepository.EventRow;

/**
 * A reader's place in the event log, for those who push events out. Event ids are taken before
 * their transaction commits, so a hole in the ids may still fill: {@link #next} stops at a hole
 * until no transaction that could fill it is open (and at least {@code holeWait} has passed, at
 * most {@link #HOLE_GIVE_UP}). Not thread-safe.
 */
final class EventCursor {
  /** A hole still unfilled this long is passed even if some old transaction is open. */
  private static final Duration HOLE_GIVE_UP = Duration.ofMinutes(5);

  private final Duration holeWait;
  private long position;
  private long holeAt = -1;
  private Instant holeSeen;
  private long holeSeenNanos;

  EventCursor(long position, Duration holeWait) {
    this.position = position;
    this.holeWait = holeWait;
  }

  long position() {
    return position;
  }

  /** The events after the position, oldest first, up to the first hole that may still fill. */
  List<EventRow> next(EventRepository events, int limit) throws SQLException {
    List<EventRow> rows = events.after(position, java.util.List.of(), limit);
    List<EventRow> taken = new ArrayList<>();
    long expected = position + 1;
    for (EventRow row : rows) {
      if (row.id() != expected && !holePassed(events, expected)) {
        break;
      }
      taken.add(row);
      expected = row.id() + 1;
    }
    return taken;
  }

  /** Moves past {@code eventId}, once what was taken up to it is safe. */
  void advance(long eventId) {
    position = Math.max(position, eventId);
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
}
