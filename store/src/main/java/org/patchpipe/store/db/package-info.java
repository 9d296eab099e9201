/**
 * The store's PostgreSQL schema ({@link org.patchpipe.store.db.Schema}: Flyway migrations under
 * {@code db/} on the class path) and the repositories that read and write Patchwork's rows with
 * plain SQL, one per aggregate; {@link org.patchpipe.store.db.EventLog} is the only writer of
 * {@code event} rows. The series tracker's state for the store is {@link
 * org.patchpipe.store.db.PgSeriesState}: the parser's working set loaded per project from
 * PostgreSQL and written behind to it. Used by {@code store.consume}, {@code store.api}, {@code
 * commits} and {@code cli}; nothing here knows Kafka or HTTP.
 */
package org.patchpipe.store.db;
