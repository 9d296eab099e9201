/**
 * An embedded PostgreSQL: a real server from Maven Central's binaries, no installation needed. The
 * store's default database when no {@code --db} is given, and the database of every store test.
 * Public entry points: {@link org.patchpipe.store.embedded.EmbeddedPostgres} and {@link
 * org.patchpipe.store.embedded.PostgresConfig}; the rest is internal to this package.
 */
package org.patchpipe.store.embedded;
