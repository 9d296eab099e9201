package org.patchpipe.store.db;

/**
 * A database failure inside the store, with the {@link java.sql.SQLException} kept as the cause.
 * Unchecked, because the parser's {@link org.patchpipe.parser.series.SeriesState} cannot declare
 * checked exceptions. The consumer treats it as transient: it rolls the batch back and retries.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
