package org.patchpipe.cli;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a growing count (records committed, rows stored) every 100 ms on its own thread and
 * remembers the longest time it stood still between its first and last step: after a broker is
 * killed, that is how long the failover stalled the pipeline, as the pipeline's output shows it.
 */
final class ProgressSampler implements AutoCloseable {
  private final LongSupplier count;
  private final long target;
  private final Thread thread;
  private volatile long latest;
  private volatile long longestStallNanos;
  private volatile long stallEndedAt;
  private volatile RuntimeException failure;

  private ProgressSampler(LongSupplier count, long target) {
    this.count = count;
    this.target = target;
    this.thread = new Thread(this::sample, "progress-sampler");
    this.thread.setDaemon(true);
  }

  /** Starts sampling {@code count} until it reaches {@code target} or {@link #close()}. */
  static ProgressSampler start(LongSupplier count, long target) {
    ProgressSampler sampler = new ProgressSampler(count, target);
    sampler.thread.start();
    return sampler;
  }

  /** The last count seen. */
  long latest() {
    return latest;
  }

  /** Waits until the count is at least {@code at}; false if {@code timeoutMillis} passed first. */
  boolean awaitAtLeast(long at, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (latest < at && System.nanoTime() < deadline) {
      if (failure != null) {
        throw failure;
      }
      Thread.sleep(50);
    }
    return latest >= at;
  }

  /** The longest time the count stood still below the target, in milliseconds. */
  long longestStallMillis() {
    return TimeUnit.NANOSECONDS.toMillis(longestStallNanos);
  }

  /** When the longest stall ended (System.nanoTime()), 0 if the count never stood still. */
  long longestStallEndedAt() {
    return stallEndedAt;
  }

  private void sample() {
    long lastChange = System.nanoTime();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long now = count.getAsLong();
        long t = System.nanoTime();
        if (now != latest) {
          if (latest > 0 && t - lastChange > longestStallNanos) {
            longestStallNanos = t - lastChange;
            stallEndedAt = t;
          }
          latest = now;
          lastChange = t;
        }
        if (now >= target) {
          return;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      // close(): done sampling.
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(5_000);
  }
}
