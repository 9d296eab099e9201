package org.patchpipe.ingest.imap;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delays with jitter: the n-th consecutive failure waits a random time
 * between half and all of {@code min * 2^n}, capped at {@code max}, so that many daemons cut off
 * by the same server restart do not all come back in the same second. One per thread; the random
 * source is passed in so tests can fix it.
 */
final class Backoff {
  private final Duration min;
  private final Duration max;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration min, Duration max, RandomGenerator random) {
    this.min = min;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the base, up to {@code max}. */
  Duration next() {
    long base = min.toMillis() << Math.min(failures, 30);
    if (base <= 0 || base > max.toMillis()) base = max.toMillis();
    failures++;
    long half = base / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (base - half + 1)));
  }

  /** Called after a success: the next failure starts again at {@code min}. */
  void reset() {
    failures = 0;
  }
}
