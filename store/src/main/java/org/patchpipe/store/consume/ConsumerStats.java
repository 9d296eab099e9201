package org.patchpipe.store.consume;

/**
 * What a store has consumed so far: events read, and what became of them. Immutable snapshot.
 *
 * @param events events consumed and committed
 * @param patches patches kept
 * @param covers cover letters kept
 * @param comments comments kept (including late ones whose parent arrived after them)
 * @param waiting replies kept aside until their parent arrives
 * @param unstored events that stored nothing (dropped, rejected, duplicate, undecodable)
 * @param batches PostgreSQL transactions committed
 * @param retries batches rolled back and read again after a failure
 * @param setAside events the database or the tracker refused alone, set aside in {@code poison_event}
 *     (counted in {@code events} too: consumed, and the offset moved past them)
 */
public record ConsumerStats(long events, long patches, long covers, long comments, long waiting, long unstored,
    long batches, long retries, long setAside) {
  public static final ConsumerStats ZERO = new ConsumerStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
  static final ConsumerStats ONE_RETRY = new ConsumerStats(0, 0, 0, 0, 0, 0, 0, 1, 0);
  static final ConsumerStats ONE_SET_ASIDE = new ConsumerStats(1, 0, 0, 0, 0, 0, 1, 0, 1);

  ConsumerStats plus(ConsumerStats o) {
    return new ConsumerStats(events + o.events, patches + o.patches, covers + o.covers, comments + o.comments,
        waiting + o.waiting, unstored + o.unstored, batches + o.batches, retries + o.retries, setAside + o.setAside);
  }

  @Override
  public String toString() {
    return events + " events: " + patches + " patches, " + covers + " covers, " + comments + " comments, "
        + waiting + " replies waiting for their parent, " + unstored + " not stored; " + batches + " transactions"
        + (retries > 0 ? ", " + retries + " retried" : "") + (setAside > 0 ? ", " + setAside + " set aside" : "");
  }
}
