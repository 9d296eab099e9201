package org.patchpipe.store.webhook;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.db.WebhookRepository.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the webhooks: reads the {@code webhook} table every {@link WebhookSettings#webhookPoll()}
 * and keeps one {@link WebhookWorker} per enabled webhook, so one added while the store runs starts
 * within seconds and one removed stops. Only reads what the store wrote, on sessions of its own,
 * so it never holds up the ingest. {@link #close()} stops every worker.
 *
 * <pre>{@code
 * try (WebhookDispatcher d = WebhookDispatcher.start(runtime::connect, WebhookSettings.of(api.baseUrl()))) {
 *   ...
 * }
 * }</pre>
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Opens a database session of the caller's, migrated; the dispatcher closes it. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final WebhookSettings settings;
  private final RandomGenerator random = new SecureRandom();
  private final Map<Long, WebhookWorker> workers = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  private WebhookDispatcher(Connector connector, WebhookSettings settings) {
    this.connector = connector;
    this.settings = settings;
    this.thread = new Thread(this::watch, "patchpipe-webhooks");
    thread.setDaemon(true);
  }

  /** Starts watching the webhooks; the first read happens at once. */
  public static WebhookDispatcher start(Connector connector, WebhookSettings settings) {
    WebhookDispatcher d = new WebhookDispatcher(connector, settings);
    d.thread.start();
    return d;
  }

  private void watch() {
    Connection c = null;
    while (running) {
      try {
        if (c == null || c.isClosed()) {
          c = connector.open();
        }
        reconcile(new WebhookRepository(c));
      } catch (SQLException | RuntimeException e) {
        LOG.warn("reading the webhooks failed: {}; trying again", e.getMessage());
        close(c);
        c = null;
      }
      try {
        Thread.sleep(settings.webhookPoll().toMillis());
      } catch (InterruptedException e) {
        // close() interrupts; the loop checks running.
      }
    }
    close(c);
  }

  private synchronized void reconcile(WebhookRepository webhooks) throws SQLException {
    if (!running) {
      return;
    }
    Set<Long> wanted = new HashSet<>();
    for (Webhook w : webhooks.enabled()) {
      wanted.add(w.id());
      workers.computeIfAbsent(w.id(), id -> {
        WebhookWorker worker = new WebhookWorker(id, connector, settings, random);
        worker.start();
        LOG.info("webhook {} started: {}", id, w);
        return worker;
      });
    }
    workers.entrySet().removeIf(e -> {
      if (wanted.contains(e.getKey())) {
        return false;
      }
      e.getValue().stop();
      LOG.info("webhook {} stopped", e.getKey());
      return true;
    });
  }

  /** The number of webhooks being delivered to. */
  public synchronized int running() {
    return workers.size();
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Closing a broken session: nothing left to do.
      }
    }
  }

  /** Stops watching and every worker (each after its current attempt); safe to call twice. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    synchronized (this) {
      workers.values().forEach(WebhookWorker::stop);
      for (WebhookWorker w : workers.values()) {
        try {
          w.join(15_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      workers.clear();
    }
  }
}
