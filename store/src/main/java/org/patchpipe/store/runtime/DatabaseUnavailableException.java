package org.patchpipe.store.runtime;

import java.sql.SQLException;

/**
 * A database the store was pointed at refused a connection or its migration (wrong URL, user or
 * password, a server down, a schema newer than this build). {@link #jdbcUrl()} says which, so a
 * caller can tell its user which setting to check; the cause is the driver's error.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private final String jdbcUrl;

  public DatabaseUnavailableException(String jdbcUrl, SQLException cause) {
    super("cannot use the database " + jdbcUrl + ": " + cause.getMessage(), cause);
    this.jdbcUrl = jdbcUrl;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }
}
