package org.patchpipe.store.api.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ResponseStream;
import org.patchpipe.store.api.StreamBody;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.sse.SseClient;
import org.patchpipe.store.api.sse.SseFrames;
import org.patchpipe.store.api.sse.SseHub;
import org.patchpipe.store.db.EventMatch;
import org.patchpipe.store.db.EventRepository;
import org.patchpipe.store.db.EventRepository.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/1.2/events/stream/}: Patchwork's events as Server-Sent Events, each the
 * {@code /events/} JSON with {@code id:} the event's id, under the list's filters (project,
 * category, series, patch, cover, actor, since, before). A client sending {@code Last-Event-ID}
 * (as EventSource does when it reconnects) first gets the stored events after that id, as does
 * one asking {@code since}; then every new one, oldest first. A replay longer than
 * {@link Config#replayLimit} ends after that many, and the client's reconnection resumes it.
 *
 * <p>New events are found by one query for every subscriber, every {@link Config#poll}, on the
 * {@code event} table: the consumer may write it in another process. Ids come from a sequence, so
 * a transaction may commit an id below one already seen; ids a poll skipped are asked for again
 * for {@value #LAGGING_SECONDS} s (a client that replayed past such an id does not get it late).
 * Thread-safe; one per server.
 */
public final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int POLL_LIMIT = 500;
  private static final int LAGGING_SECONDS = 30;
  /** A jump in ids wider than this is not tracked id by id (a sequence restarted or a bulk load). */
  private static final int MAX_GAP = 1000;

  /**
   * @param limits the subscribers' bounds and heartbeat
   * @param poll the time between two reads of new events
   * @param replayLimit the events one connection replays at most
   */
  public record Config(SseHub.Limits limits, Duration poll, int replayLimit) {
    /** {@link SseHub.Limits#defaults}, a poll each 250 ms, replays of 1,000 events. */
    public static Config defaults() {
      return new Config(SseHub.Limits.defaults(), Duration.ofMillis(250), 1000);
    }
  }

  /**
   * A client's filter, the links its events carry (its host and API version), and the id its replay
   * went up to (-1 for none), at or below which nothing is sent live.
   */
  record Subscription(EventMatch match, Urls urls, long seen) {}

  private final ApiDatabase db;
  private final Config config;
  private final SseHub<Subscription> hub;
  private final ScheduledExecutorService poller;
  /** The highest event id dispatched; -1 until a client arrives. Guarded by this. */
  private long cursor = -1;
  /** Ids skipped by a poll, to when they were first missed (nanoTime). Guarded by this. */
  private final Map<Long, Long> lagging = new LinkedHashMap<>();
  /** Whether the last poll failed; only the poll thread reads and writes it. */
  private boolean failing;

  public EventStream(ApiDatabase db, Config config) {
    this.db = db;
    this.config = config;
    this.hub = new SseHub<>("patchpipe-events", config.limits());
    this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "patchpipe-events-poll");
      t.setDaemon(true);
      return t;
    });
    long every = config.poll().toMillis();
    poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** The streams open now (slots taken). */
  public int subscribers() {
    return hub.size();
  }

  public ApiResponse handle(ApiRequest request) {
    Urls urls = request.urls();
    List<String> served = EventHandler.served(urls);
    EventRepository.EventFilter filter = EventHandler.filter(request.query());
    EventMatch match = db.read(c -> new EventRepository(c).match(served, filter));
    Long lastId = lastEventId(request.header("Last-Event-ID"));
    SseHub<Subscription>.Slot slot = hub.reserve()
        .orElseThrow(() -> ApiException.detail(503, "Too many event streams are open; try again later."));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/event-stream; charset=utf-8");
    headers.put("Cache-Control", "no-cache");
    // Proxies such as nginx would otherwise buffer the stream.
    headers.put("X-Accel-Buffering", "no");
    boolean replay = lastId != null || (filter.since() != null && !filter.since().isEmpty());
    long after = replay ? (lastId == null ? 0 : lastId) : -1;
    return ApiResponse.streaming(200, headers, new StreamBody() {
      @Override
      public void open(ResponseStream stream) {
        subscribe(slot, stream, match, urls, served, filter, after);
      }

      @Override
      public void abandon() {
        slot.release();
      }
    });
  }

  /** EventSource's header, or null where absent or not an id. */
  private static Long lastEventId(String header) {
    if (header == null) {
      return null;
    }
    try {
      long id = Long.parseLong(header.strip());
      return id < 0 ? null : id;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Attaches the client under the poll's lock. A replay runs to the newest event and the client is
   * sent live only what is above it, so nothing falls between and nothing comes twice.
   * {@code after} -1: no replay, live from the cursor on.
   */
  private synchronized void subscribe(SseHub<Subscription>.Slot slot, ResponseStream stream, EventMatch match,
      Urls urls, List<String> served, EventRepository.EventFilter filter, long after) {
    List<byte[]> first = new ArrayList<>();
    first.add(SseFrames.retry(2000));
    boolean more = false;
    long seen = -1;
    try {
      if (cursor < 0 || hub.clients().isEmpty()) {
        // Nobody polled meanwhile: start from the newest event.
        cursor = db.read(c -> new EventRepository(c).latestId());
        lagging.clear();
      }
      if (after >= 0) {
        long upTo = Math.max(cursor, db.read(c -> new EventRepository(c).latestId()));
        List<EventRow> rows = db.read(c -> new EventRepository(c).replay(served, filter, after, upTo,
            config.replayLimit() + 1));
        more = rows.size() > config.replayLimit();
        for (EventRow row : more ? rows.subList(0, config.replayLimit()) : rows) {
          first.add(frame(row, urls));
        }
        seen = upTo;
      }
    } catch (RuntimeException e) {
      LOG.warn("event stream for {} could not start", stream.remote(), e);
      slot.release();
      stream.close();
      return;
    }
    Optional<SseClient<Subscription>> client = slot.attach(stream, new Subscription(match, urls, seen), first);
    if (more) {
      client.ifPresent(hub::finish);
    }
  }

  /** Polls; a failure is logged when it starts and when it ends, not every 250 ms while it lasts. */
  private void pollQuietly() {
    try {
      poll();
      if (failing) {
        failing = false;
        LOG.info("reading new events works again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn("reading new events failed; trying again each {}", config.poll(), e);
      } else {
        LOG.debug("reading new events failed again", e);
      }
    }
  }

  /** Reads the events above the cursor (and the lagging ones) and sends each to its subscribers. */
  synchronized void poll() {
    List<SseClient<Subscription>> clients = hub.clients();
    if (clients.isEmpty() || cursor < 0) {
      return;
    }
    long now = System.nanoTime();
    lagging.values().removeIf(missed -> now - missed > TimeUnit.SECONDS.toNanos(LAGGING_SECONDS));
    long from = cursor;
    List<EventRow> rows = db.read(c -> new EventRepository(c).after(from, lagging.keySet(), POLL_LIMIT));
    for (EventRow row : rows) {
      if (row.id() > cursor) {
        if (row.id() - cursor <= MAX_GAP) {
          for (long skipped = cursor + 1; skipped < row.id(); skipped++) {
            lagging.putIfAbsent(skipped, now);
          }
        }
        cursor = row.id();
      } else {
        lagging.remove(row.id());
      }
      dispatch(row, clients);
    }
  }

  private void dispatch(EventRow row, List<SseClient<Subscription>> clients) {
    Map<Urls, byte[]> frames = new HashMap<>();
    for (Iterator<SseClient<Subscription>> it = clients.iterator(); it.hasNext(); ) {
      SseClient<Subscription> client = it.next();
      Subscription subscription = client.subscription();
      if (row.id() > subscription.seen() && subscription.match().test(row)) {
        hub.send(client, frames.computeIfAbsent(subscription.urls(), urls -> frame(row, urls)));
      }
    }
  }

  private static byte[] frame(EventRow row, Urls urls) {
    return SseFrames.event(row.id(), new String(EventHandler.render(row, urls), StandardCharsets.UTF_8));
  }

  /** Stops polling and ends every stream. */
  @Override
  public void close() {
    poller.shutdownNow();
    hub.close();
  }
}
