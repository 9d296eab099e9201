package org.patchpipe.ingest.kafka;

/**
 * Publishing to Kafka failed for good: the producer was fenced (another process took over the same
 * transactional id), is not authorised, a record is larger than the cluster accepts, or the
 * cluster stayed unreachable past the retry window. Nothing of the failed transaction is visible
 * to read_committed consumers and the committed position is the last good one, so running the
 * same replay again resumes without loss or duplicates. The message says what to fix. A fenced
 * producer is the subtype {@link PublisherFencedException}, so callers tell it by type.
 */
public class PublishException extends RuntimeException {
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
