package org.patchpipe.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One of the soak's inputs, run on its own thread until {@link #stop()}: it hands mail to a part
 * of the pipeline at a steady rate, counts what that part acknowledged, and keeps the failure that
 * ended it, if any, for the report. A stop is honoured between batches, so every batch is handed
 * over whole and the soak's expected counts stay exact.
 */
abstract class SoakFeed implements Runnable {
  private final double mailsPerSecond;
  private final AtomicLong handed = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopping;

  SoakFeed(double mailsPerSecond) {
    this.mailsPerSecond = mailsPerSecond;
  }

  /** Hands batches over until {@link #stopping()}; {@link #handed(long)} counts each acknowledged mail. */
  abstract void feed() throws Exception;

  @Override
  public final void run() {
    try {
      feed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  /** Mails the part acknowledged so far. */
  final long handed() {
    return handed.get();
  }

  final void handed(long total) {
    handed.set(total);
  }

  final Throwable failure() {
    return failure.get();
  }

  /** Ends the loop after the batch in hand. */
  final void stop() {
    stopping = true;
  }

  final boolean stopping() {
    return stopping;
  }

  /** Sleeps until {@code mails} handed over since {@code startNanos} are due at the rate, or a stop. */
  final void pace(long startNanos, long mails) throws InterruptedException {
    long due = startNanos + (long) (mails / mailsPerSecond * 1e9);
    while (!stopping && System.nanoTime() < due) {
      Thread.sleep(Math.max(1, Math.min(200, (due - System.nanoTime()) / 1_000_000)));
    }
  }

  final double mailsPerSecond() {
    return mailsPerSecond;
  }
}
