package org.patchpipe.store.consume;

import java.time.LocalDateTime;

/**
 * One event the store set aside because of its data: a row of {@code poison_event}, with the
 * event's bytes as they were read from Kafka and why PostgreSQL or the tracker refused them.
 * Immutable (the byte arrays are the caller's once read).
 *
 * @param id the row id, as {@code patchpipe store dead-letters retry ID} takes it
 * @param consumer the consumer name that set it aside
 * @param topic the events topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param key the record key, null for none
 * @param value the record value (the encoded event), null for none
 * @param reason the failure, one line
 * @param sqlState the SQLState of the failure, null when it did not come from the database
 * @param firstFailed when it was set aside (UTC)
 * @param state where it stands
 * @param retried when it was last retried (UTC), null if never
 */
public record PoisonEvent(long id, String consumer, String topic, int partition, long offset, byte[] key,
    byte[] value, String reason, String sqlState, LocalDateTime firstFailed, State state, LocalDateTime retried) {

  /** The life of a set-aside event. */
  public enum State {
    /** Set aside, never retried. */
    PENDING,
    /** A retry was requested; the running consumer will write it again. */
    RETRYING,
    /** Retried and stored (exactly once, with the rows it produced). */
    STORED,
    /** Retried and refused again; {@link PoisonEvent#reason()} says why. */
    FAILED;

    String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static State ofSql(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
