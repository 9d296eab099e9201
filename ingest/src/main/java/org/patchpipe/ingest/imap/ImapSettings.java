package org.patchpipe.ingest.imap;

import java.time.Duration;
import java.util.Objects;

/**
 * How the IMAP daemon talks to servers: batch limits, timeouts, IDLE renewal, polling and the
 * reconnect backoff. Immutable; the compact constructor names the key that is out of range.
 *
 * @param batchMessages at most this many messages per UID FETCH and per Kafka transaction
 *     ({@code ingest.imap.batch.messages}, default 100)
 * @param batchBytes at most about this many bytes per batch; a single larger mail is fetched alone
 *     ({@code ingest.imap.batch.bytes}, default 16 MiB)
 * @param connectTimeout TCP connect timeout ({@code ingest.imap.connect.timeout}, default 20 s)
 * @param readTimeout socket read timeout; a silent server is dropped and reconnected after it
 *     ({@code ingest.imap.read.timeout}, default 5 min; must exceed {@code idleRenewal})
 * @param idleRenewal IDLE is ended and restarted after this long, as RFC 2177 asks (under 29 min)
 *     ({@code ingest.imap.idle.renewal}, default 4 min)
 * @param pollInterval how often a folder is checked when the server lacks IDLE or IDLE is off
 *     ({@code ingest.imap.poll.interval}, default 30 s)
 * @param useIdle false to poll even where the server offers IDLE ({@code ingest.imap.idle})
 * @param backoffMin first reconnect delay ({@code ingest.imap.backoff.min}, default 500 ms)
 * @param backoffMax longest reconnect delay ({@code ingest.imap.backoff.max}, default 60 s)
 */
public record ImapSettings(
    int batchMessages,
    long batchBytes,
    Duration connectTimeout,
    Duration readTimeout,
    Duration idleRenewal,
    Duration pollInterval,
    boolean useIdle,
    Duration backoffMin,
    Duration backoffMax) {

  /** The defaults listed above. */
  public static final ImapSettings DEFAULTS =
      new ImapSettings(
          100,
          16L << 20,
          Duration.ofSeconds(20),
          Duration.ofMinutes(5),
          Duration.ofMinutes(4),
          Duration.ofSeconds(30),
          true,
          Duration.ofMillis(500),
          Duration.ofSeconds(60));

  public ImapSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(idleRenewal, "idleRenewal");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(backoffMin, "backoffMin");
    Objects.requireNonNull(backoffMax, "backoffMax");
    if (batchMessages < 1) throw new IllegalArgumentException("ingest.imap.batch.messages must be >= 1");
    if (batchBytes < 1) throw new IllegalArgumentException("ingest.imap.batch.bytes must be >= 1");
    if (idleRenewal.compareTo(readTimeout) >= 0) {
      throw new IllegalArgumentException(
          "ingest.imap.idle.renewal (" + idleRenewal + ") must be shorter than ingest.imap.read.timeout ("
              + readTimeout + "), or IDLE would time out");
    }
    if (idleRenewal.compareTo(Duration.ofMinutes(29)) > 0) {
      throw new IllegalArgumentException("ingest.imap.idle.renewal must be at most 29 minutes (RFC 2177)");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("ingest.imap.poll.interval must be positive");
    }
    if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
      throw new IllegalArgumentException("ingest.imap.backoff.min must be positive and <= ingest.imap.backoff.max");
    }
  }

  public ImapSettings withBatchMessages(int n) {
    return new ImapSettings(n, batchBytes, connectTimeout, readTimeout, idleRenewal, pollInterval, useIdle, backoffMin, backoffMax);
  }

  public ImapSettings withTimeouts(Duration connect, Duration read, Duration renewal) {
    return new ImapSettings(batchMessages, batchBytes, connect, read, renewal, pollInterval, useIdle, backoffMin, backoffMax);
  }

  public ImapSettings withPolling(boolean idle, Duration interval) {
    return new ImapSettings(batchMessages, batchBytes, connectTimeout, readTimeout, idleRenewal, interval, idle, backoffMin, backoffMax);
  }

  public ImapSettings withBackoff(Duration min, Duration max) {
    return new ImapSettings(batchMessages, batchBytes, connectTimeout, readTimeout, idleRenewal, pollInterval, useIdle, min, max);
  }
}
