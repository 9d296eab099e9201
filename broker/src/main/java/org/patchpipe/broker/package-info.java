/**
 * A single-node KRaft Kafka broker in this process ({@link org.patchpipe.broker.EmbeddedBroker}):
 * for the all-in-one {@code patchpipe run}, {@code patchpipe broker}, and the integration tests of
 * ingest and store. Depends on Kafka's server jars only.
 */
package org.patchpipe.broker;
