package org.patchpipe.store.runtime;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.api.ApiServer;
import org.patchpipe.store.consume.ConsumerStats;
import org.patchpipe.store.consume.EventConsumer;
import org.patchpipe.store.consume.StandbyListener;
import org.patchpipe.store.consume.StoreConfig;
import org.patchpipe.store.db.StoreException;
import org.patchpipe.store.webhook.EventTopicPublisher;
import org.patchpipe.store.webhook.WebhookDispatcher;
import org.patchpipe.store.webhook.WebhookSettings;

/**
 * The running store, opened by {@link StoreRuntime#serve}: the event consumer on its own thread,
 * the REST API beside it, the webhooks' dispatcher (which pushes every event stored to the
 * registered receivers) and the publisher of the Patchwork events topic, over one database. Tells its {@link Listener} the progress at most every
 * few seconds while events arrive. {@link #close()} stops the consumer after its current batch,
 * then the webhooks and the API.
 */
public final class StoreServer implements AutoCloseable {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final EventConsumer consumer;
  private final Thread consumerThread;
  private final HikariDataSource pool;
  private final ApiServer api;
  private final WebhookDispatcher webhooks;
  private final EventTopicPublisher eventsTopic;
  private final CountDownLatch consumerDone = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * What a running store tells its owner, who decides how to show it: progress, a failed consumer,
   * and standing by for and taking over the single-writer lock.
   */
  public interface Listener extends StandbyListener {
    /** The totals so far, at most every few seconds while events arrive. */
    void progress(ConsumerStats stats);

    /** The consumer thread stopped on {@code failure}; {@link #awaitConsumer()} returns next. */
    void consumerStopped(RuntimeException failure);
  }

  private StoreServer(EventConsumer consumer, HikariDataSource pool, ApiServer api, WebhookDispatcher webhooks,
      EventTopicPublisher eventsTopic, Listener listener) {
    this.consumer = consumer;
    this.pool = pool;
    this.api = api;
    this.webhooks = webhooks;
    this.eventsTopic = eventsTopic;
    long[] lastPrint = {System.nanoTime()};
    consumer.onStandby(listener);
    consumer.onProgress(stats -> {
      long now = System.nanoTime();
      if (now - lastPrint[0] >= PROGRESS_EVERY.toNanos()) {
        lastPrint[0] = now;
        listener.progress(stats);
      }
    });
    this.consumerThread = new Thread(() -> {
      try {
        consumer.run();
      } catch (RuntimeException e) {
        listener.consumerStopped(e);
      } finally {
        consumerDone.countDown();
      }
    }, "patchpipe-store-consumer");
  }

  /**
   * Opens the consumer (migrating the database) and starts the API; the consumer starts with
   * {@link #startConsuming()} so a caller can first consume up to a point on its own thread.
   */
  static StoreServer open(StoreConfig config, StoreRuntime db, ApiConfig apiConfig, Listener listener) {
    EventConsumer consumer;
    try {
      consumer = EventConsumer.open(config, Clock.systemUTC());
    } catch (StoreException e) {
      throw new StoreStartException(e.getMessage(), e);
    }
    HikariDataSource pool = db.pool("patchpipe-api", Math.max(2, Math.min(apiConfig.threads(), 16)), Map.of());
    ApiServer api = null;
    try {
      api = ApiServer.start(apiConfig, pool);
      // The events' links point at this API, as /api/1.2/events/ shows them.
      WebhookSettings settings = WebhookSettings.of(api.baseUrl());
      WebhookDispatcher webhooks = WebhookDispatcher.start(db::connect, settings);
      EventTopicPublisher eventsTopic = EventTopicPublisher.start(db::connect, config.bootstrapServers(),
          config.topics().patchworkEvents(), config.topics().partitions(), config.topics().replicationFactor(),
          settings);
      return new StoreServer(consumer, pool, api, webhooks, eventsTopic, listener);
    } catch (RuntimeException e) {
      if (api != null) {
        api.close();
      }
      pool.close();
      consumer.close();
      throw new StoreStartException(e.getMessage(), e);
    }
  }

  /** Consumes what the topic holds now, on the caller's thread; true when caught up. */
  public boolean catchUp(Duration timeout) {
    return consumer.runUntilCaughtUp(timeout);
  }

  /** Starts consuming in the background until {@link #close()}. */
  public void startConsuming() {
    consumerThread.start();
  }

  /**
   * Asks the consumer to stop after its current batch (committed with its offsets); {@link
   * #awaitConsumer()} returns once it has. Thread-safe and quick: a signal handler may call it.
   */
  public void stopConsuming() {
    consumer.stop();
  }

  /** Waits until the consumer thread ends (on failure, {@link #stopConsuming()} or close). */
  public void awaitConsumer() throws InterruptedException {
    consumerDone.await();
  }

  public ConsumerStats stats() {
    return consumer.stats();
  }

  /** The API root, e.g. {@code http://127.0.0.1:8000/api/1.2/}. */
  public String apiUrl() {
    return api.baseUrl() + "/api/1.2/";
  }

  /** Stops everything; safe to call twice. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    consumer.stop();
    if (consumerThread.isAlive()) {
      try {
        consumerThread.join(Duration.ofSeconds(60).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumer.close();
    webhooks.close();
    eventsTopic.close();
    api.close();
    pool.close();
  }
}
