/**
 * The store's Kafka consumer: {@link org.patchpipe.store.consume.EventConsumer} reads the events
 * topic and writes Patchwork's rows with the consumed offsets in one PostgreSQL transaction
 * (exactly once). Configured by {@link org.patchpipe.store.consume.StoreConfig}. Used by {@code cli}.
 */
package org.patchpipe.store.consume;
