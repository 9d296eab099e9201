/**
 * The store's PostgreSQL schema ({@link org.patchpipe.store.db.Schema}, migrations under
 * {@code db/} on the class path) and the repositories that read and write Patchwork's rows with
 * plain SQL, one per aggregate. Used by {@code store.consume}, {@code store.api} and {@code cli};
 * nothing here knows Kafka or HTTP.
 */
package org.patchpipe.store.db;
