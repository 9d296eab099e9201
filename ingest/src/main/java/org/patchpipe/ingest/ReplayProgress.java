package org.patchpipe.ingest;

import java.time.Duration;

/**
 * Where a replay stands after a committed transaction, or at its end. Immutable.
 *
 * @param sourceId the source being read
 * @param messages messages read and committed so far, all sources
 * @param bytes raw bytes of those messages
 * @param published messages published with an event
 * @param deadLetters messages published as dead letters
 * @param unparseable published events the parser judged unparseable (Patchwork would reject them)
 * @param duplicates messages whose Message-ID was already seen in this run (published anyway:
 *     the store decides, as Patchwork does)
 * @param sourceFractionDone how much of the current source is read, 0 to 1, NaN if unknown
 * @param elapsed time since the replay started
 * @param transactions Kafka transactions committed
 * @param retries transactions aborted and sent again (e.g. across a broker restart)
 */
public record ReplayProgress(
    String sourceId,
    long messages,
    long bytes,
    long published,
    long deadLetters,
    long unparseable,
    long duplicates,
    double sourceFractionDone,
    Duration elapsed,
    long transactions,
    long retries) {

  /** Messages per second so far. */
  public double messagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : messages / seconds;
  }

  /** Megabytes (10^6 bytes) per second so far. */
  public double megabytesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
  }
}
