/**
 * {@code patchpipe bench}: the benchmarks of each stage (parse, ingest, store, API, IMAP), the soak
 * that runs them all at once for a long time, and the data they generate. Kept apart from the
 * commands so that the command package stays the thin layer over the modules; they open the store
 * through {@code org.patchpipe.store.runtime} like the commands do.
 */
package org.patchpipe.cli.bench;
