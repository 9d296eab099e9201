package org.patchpipe.store.api.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.patchpipe.store.api.ResponseStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent Events streams of a server. At most {@link Limits#maxClients} at once: a
 * request {@link #reserve reserves} a slot before it answers (none left: the handler answers 503),
 * and the slot's stream {@link Slot#attach attaches} once the headers are sent. Frames are queued
 * per client and written by the hub's writer threads, which exist only while there is something to
 * write, one at most per client: no request thread waits on a client, and a client that does not
 * read only fills its own queue. A client whose queue overflows, whose write fails (it went away)
 * or stalls longer than {@link Limits#stall} is dropped and its slot freed. Every client gets a
 * heartbeat comment each {@link Limits#heartbeat}, which also finds the ones that left. Closing the
 * hub ends every stream. Thread-safe.
 *
 * @param <S> what a client subscribed to
 */
public final class SseHub<S> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

  /**
   * @param maxClients streams open at once
   * @param queueLimit frames waiting for one client before it is dropped as too slow
   * @param heartbeat the time between two {@code : ping} comments
   * @param stall how long one write may take before its client is dropped
   */
  public record Limits(int maxClients, int queueLimit, Duration heartbeat, Duration stall) {
    public Limits {
      if (maxClients < 1 || queueLimit < 1) {
        throw new IllegalArgumentException("an SSE hub needs room for a client and a frame");
      }
    }

    /**
     * 256 clients, 4,096 queued frames each (above a replay and a few polls' worth of events), a
     * ping every 15 s, writes stalled 30 s dropped.
     */
    public static Limits defaults() {
      return new Limits(256, 4096, Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
  }

  private final Limits limits;
  private final Set<SseClient<S>> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger slots = new AtomicInteger();
  private final ThreadPoolExecutor writers;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  public SseHub(String name, Limits limits) {
    this.limits = limits;
    // One drain at most per client is in flight, so maxClients threads always suffice.
    this.writers = new ThreadPoolExecutor(0, limits.maxClients() + 1, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemon(name + "-writer"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon(name + "-timer"));
    long beat = limits.heartbeat().toMillis();
    timer.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(this::dropStalled, 1, 1, TimeUnit.SECONDS);
  }

  /** A slot for one more client, or empty when every slot is taken or the hub is closed. */
  public Optional<Slot> reserve() {
    while (!closed) {
      int taken = slots.get();
      if (taken >= limits.maxClients()) {
        return Optional.empty();
      }
      if (slots.compareAndSet(taken, taken + 1)) {
        return Optional.of(new Slot());
      }
    }
    return Optional.empty();
  }

  /** The clients attached now. */
  public List<SseClient<S>> clients() {
    return List.copyOf(clients);
  }

  /** How many slots are taken (clients attached or about to be). */
  public int size() {
    return slots.get();
  }

  /** Queues {@code frame} for {@code client}; one that cannot take it is dropped as too slow. */
  public void send(SseClient<S> client, byte[] frame) {
    if (!client.enqueue(frame, limits.queueLimit())) {
      if (!client.isClosed() && !client.isClosing()) {
        LOG.info("dropping SSE client {}: {} frames unread", client.stream().remote(), limits.queueLimit());
        drop(client, true);
      }
      return;
    }
    schedule(client);
  }

  /** Ends {@code client}'s stream once what is queued for it is written. */
  public void finish(SseClient<S> client) {
    client.closeWhenDrained();
    schedule(client);
  }

  private void schedule(SseClient<S> client) {
    if (client.claimDrain()) {
      try {
        writers.execute(() -> drain(client));
      } catch (RejectedExecutionException e) {
        drop(client, false);
      }
    }
  }

  private void drain(SseClient<S> client) {
    byte[] frame;
    while ((frame = client.next()) != null) {
      client.writing(true);
      try {
        client.stream().write(frame);
      } catch (IOException | RuntimeException e) {
        LOG.debug("SSE client {} went away", client.stream().remote(), e);
        drop(client, false);
        return;
      } finally {
        client.writing(false);
      }
    }
    if (client.drainedAndClosing()) {
      drop(client, false);
    }
  }

  private void heartbeat() {
    for (SseClient<S> client : clients) {
      send(client, SseFrames.PING);
    }
  }

  private void dropStalled() {
    long stall = limits.stall().toNanos();
    for (SseClient<S> client : clients) {
      if (client.stalledFor(stall)) {
        LOG.info("dropping SSE client {}: a write stalled over {}", client.stream().remote(), limits.stall());
        drop(client, true);
      }
    }
  }

  /**
   * Removes the client, frees its slot and ends its stream. Ending a stream writes its last chunk,
   * which can block on a client that does not read: {@code aside} ends it on a thread of its own.
   */
  private void drop(SseClient<S> client, boolean aside) {
    if (!client.markClosed()) {
      return;
    }
    if (clients.remove(client)) {
      slots.decrementAndGet();
    }
    if (aside) {
      Thread closer = new Thread(client.stream()::close, "patchpipe-sse-close");
      closer.setDaemon(true);
      closer.start();
    } else {
      client.stream().close();
    }
  }

  /** Ends every stream (waiting up to a second for their last chunks) and stops the hub's threads. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    for (SseClient<S> client : clients) {
      if (client.markClosed()) {
        clients.remove(client);
        try {
          writers.execute(client.stream()::close);
        } catch (RejectedExecutionException e) {
          client.stream().close();
        }
      }
    }
    writers.shutdown();
    try {
      writers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** One reserved place: attach a stream to it, or release it. Either at most once. */
  public final class Slot {
    private final AtomicBoolean used = new AtomicBoolean();

    /**
     * Attaches {@code stream} as a client of {@code subscription}, with {@code first} queued
     * before anything else; empty (the stream closed) if the hub closed meanwhile.
     */
    public Optional<SseClient<S>> attach(ResponseStream stream, S subscription, List<byte[]> first) {
      if (!used.compareAndSet(false, true)) {
        throw new IllegalStateException("slot already used");
      }
      SseClient<S> client = new SseClient<>(stream, subscription);
      for (byte[] frame : first) {
        client.enqueue(frame, Integer.MAX_VALUE);
      }
      clients.add(client);
      if (closed) {
        drop(client, false);
        return Optional.empty();
      }
      schedule(client);
      return Optional.of(client);
    }

    /** Gives the place back unused. */
    public void release() {
      if (used.compareAndSet(false, true)) {
        slots.decrementAndGet();
      }
    }
  }
}
