package org.patchpipe.ingest.imap;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters of one follower: written by its thread, read by any (the health endpoint).
 * Thread-safe.
 */
final class FolderStats {
  private final String sourceId;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong lag = new AtomicLong();
  private volatile FolderHealth.State state = FolderHealth.State.CONNECTING;
  private volatile boolean usesIdle;
  private volatile long uidValidity;
  private volatile long lastUid;
  private volatile Instant lastPublishedAt;
  private volatile String lastError;

  FolderStats(String sourceId) {
    this.sourceId = sourceId;
  }

  void state(FolderHealth.State s) {
    state = s;
  }

  void connected(boolean idle, long validity) {
    usesIdle = idle;
    uidValidity = validity;
  }

  void lag(long pending) {
    lag.set(pending);
  }

  void published(int count, long uid, Instant at) {
    messages.addAndGet(count);
    lag.updateAndGet(l -> Math.max(0, l - count));
    lastUid = uid;
    lastPublishedAt = at;
  }

  void committed(long uid) {
    lastUid = uid;
  }

  void duplicates(int count) {
    duplicates.addAndGet(count);
  }

  void error(String message) {
    errors.incrementAndGet();
    lastError = message;
  }

  void reconnect() {
    reconnects.incrementAndGet();
  }

  FolderHealth snapshot() {
    return new FolderHealth(
        sourceId, state, usesIdle, messages.get(), duplicates.get(), errors.get(), reconnects.get(),
        lag.get(), uidValidity, lastUid, Optional.ofNullable(lastPublishedAt), Optional.ofNullable(lastError));
  }
}
