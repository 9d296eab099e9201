/**
 * The store's Kafka consumer: {@link org.patchpipe.store.consume.EventConsumer} reads the events
 * topic and writes Patchwork's rows with the consumed offsets in one PostgreSQL transaction
 * (exactly once). Configured by {@link org.patchpipe.store.consume.StoreConfig}. Failures are
 * classified once (retriable: back off and read again; data: find the event to blame); an event
 * refused on its own is set aside in {@code poison_event} and on the dead-letter topic, and
 * {@link org.patchpipe.store.consume.PoisonEvents} lists them and requests their retry. Used by
 * {@code cli}.
 */
package org.patchpipe.store.consume;
