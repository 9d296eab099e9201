/**
 * Ingest: mail sources published to Kafka exactly once. {@link org.patchpipe.ingest.Replay} replays
 * archives; {@link org.patchpipe.ingest.Ingestor} is the source → parser → publisher loop any
 * source (IMAP too) runs through. Sub-packages: {@code source} (reading mail), {@code kafka}
 * (transactions, positions, topics), {@code imap}. Knows nothing of SQL.
 */
package org.patchpipe.ingest;
