package org.patchpipe.store.runtime;

/**
 * The store cannot start: the embedded PostgreSQL, the event consumer or the REST API failed to
 * come up. Not retriable as it stands; the message names what failed and why (a data directory in
 * use, a port taken, another store consuming under the same name).
 */
public final class StoreStartException extends RuntimeException {
  public StoreStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
