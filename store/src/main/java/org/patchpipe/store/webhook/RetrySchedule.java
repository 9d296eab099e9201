package org.patchpipe.store.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff from {@code first}, doubled per
 * attempt up to {@code longest}, with jitter (each delay drawn between half and all of it, so
 * receivers that come back are not hit by every sender at once), until {@code giveUpAfter} since
 * the delivery was queued. Immutable.
 */
public record RetrySchedule(Duration first, Duration longest, Duration giveUpAfter) {
  /** From 1 s, at most 1 h apart, for 25 hours: more than the day Standard Webhooks asks. */
  public static RetrySchedule standard() {
    return new RetrySchedule(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(25));
  }

  /**
   * The next attempt after attempt number {@code attempt} (1 for the first) failed at {@code now},
   * or null when the delivery is given up.
   */
  public Instant next(int attempt, Instant queued, Instant now, RandomGenerator random) {
    if (!now.isBefore(queued.plus(giveUpAfter))) {
      return null;
    }
    long full = first.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(Math.max(full, first.toMillis()), longest.toMillis());
    long delay = capped / 2 + (long) (random.nextDouble() * (capped - capped / 2));
    Instant next = now.plusMillis(Math.max(delay, 1));
    Instant last = queued.plus(giveUpAfter);
    // The last attempt falls at the end of the window, not past it.
    return next.isAfter(last) ? last : next;
  }
}
