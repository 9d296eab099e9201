/**
 * The wire format ingest publishes and store consumes: {@link org.patchpipe.event.Topics} (names,
 * partitions, retention), {@link org.patchpipe.event.MailEvent} (one parsed mail with its schema
 * version, list id, source and {@link org.patchpipe.event.Position}) and {@link
 * org.patchpipe.event.EventCodec} (Jackson JSON, both ways). One copy for both sides; depends on
 * {@code parser} and Jackson only, never on Kafka.
 */
package org.patchpipe.event;
