/**
 * The store as a process runs it: {@link org.patchpipe.store.runtime.StoreRuntime} opens the
 * database (external or embedded), migrates it, builds pools and starts the consumer and REST API
 * ({@link org.patchpipe.store.runtime.StoreServer}). Commands and benchmarks come through here
 * rather than assembling the parts themselves.
 */
package org.patchpipe.store.runtime;
