package org.patchpipe.ingest.kafka;

/**
 * Publishing stopped because another producer took over the same transactional id (Kafka's
 * {@code ProducerFencedException}): a newer replay or daemon for the same source is running. Unlike
 * other {@link PublishException}s, waiting cannot help while that producer lives; its caller stops
 * rather than reconnects.
 */
public final class PublisherFencedException extends PublishException {
  public PublisherFencedException(String message, Throwable cause) {
    super(message, cause);
  }
}
