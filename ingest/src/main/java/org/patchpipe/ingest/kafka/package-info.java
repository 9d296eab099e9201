/**
 * Kafka's side of ingest: {@link org.patchpipe.ingest.kafka.KafkaPublisher} (raw mail, events, dead
 * letters and the new position in one transaction), {@link org.patchpipe.ingest.kafka.PositionStore}
 * (the committed positions, read back on start) and {@link org.patchpipe.ingest.kafka.TopicCreator}.
 * Nothing here parses mail or reads sources.
 */
package org.patchpipe.ingest.kafka;
