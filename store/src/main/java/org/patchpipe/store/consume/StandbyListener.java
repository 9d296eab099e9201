package org.patchpipe.store.consume;

import java.time.Duration;

/**
 * What a store hears about the single-writer lock (see {@link EventConsumer}): that another store
 * holds it and this one stands by, and that it took over. Called on the consumer's thread; the
 * owner decides how to show it.
 */
public interface StandbyListener {
  /** Another store holds {@code lock} (consumer name, advisory lock, database); said once per wait. */
  void standingBy(String lock);

  /** This store holds {@code lock} now, after standing by for {@code waited}. */
  void tookOver(String lock, Duration waited);
}
