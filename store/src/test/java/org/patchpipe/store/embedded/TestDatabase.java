package org.patchpipe.store.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A fresh, empty database on the shared test server (see {@link SharedPostgres}).
 *
 * @param jdbcUrl where to connect
 * @param user the user to connect as (no password)
 * @param server the server, for tests that need a second database
 */
public record TestDatabase(String jdbcUrl, String user, EmbeddedPostgres server) {
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, "");
  }
}
