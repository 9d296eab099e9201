package org.patchpipe.store.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's database schema as ordered, numbered migrations ({@code db/V1__name.sql},
 * {@code db/V2__...}), applied once each and recorded in {@code schema_version} with a checksum.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *   int version = Schema.migrate(c);
 * }
 * }</pre>
 *
 * <p>Each migration runs in its own transaction under a PostgreSQL advisory lock, so several
 * processes starting at once apply it exactly once. A migration that was changed after it was
 * applied is refused: schema changes go in a new file. Stateless; fails with {@link SQLException}.
 */
public final class Schema {
  /** The migrations in order. A new migration is a new resource and a new line here. */
  static final List<String> MIGRATIONS =
      List.of("V1__patchwork_core.sql", "V2__pending_reply.sql", "V20__revisions.sql",
          "V21__poison_event.sql");

  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
  // Any fixed number: every patchpipe migrator takes the same lock.
  private static final long LOCK = 0x7061746368706970L;

  private Schema() {}

  /** The version the code expects: the number of the last migration. */
  public static int latestVersion() {
    return version(MIGRATIONS.get(MIGRATIONS.size() - 1));
  }

  /**
   * Brings the database to {@link #latestVersion()}.
   *
   * @return the version after migrating
   * @throws SQLException if a migration fails (it is rolled back) or an applied migration was edited
   */
  public static int migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
        s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
            + " version integer PRIMARY KEY, description text NOT NULL, checksum char(64) NOT NULL,"
            + " applied timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))");
      }
      connection.commit();
      int current = 0;
      for (String migration : MIGRATIONS) {
        current = apply(connection, migration);
      }
      return current;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The highest applied version, 0 for an empty database. */
  public static int currentVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return 0;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int apply(Connection connection, String migration) throws SQLException {
    int version = version(migration);
    String sql = read(migration);
    String checksum = sha256(sql);
    try (Statement lock = connection.createStatement()) {
      lock.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
    }
    try (PreparedStatement q = connection.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
      q.setInt(1, version);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          connection.commit();
          if (!rs.getString(1).equals(checksum)) {
            throw new SQLException("migration " + migration + " was changed after it was applied:"
                + " put schema changes in a new migration file instead");
          }
          return version;
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO schema_version (version, description, checksum) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, description(migration));
      insert.setString(3, checksum);
      insert.executeUpdate();
    }
    connection.commit();
    return version;
  }

  private static int version(String migration) {
    return Integer.parseInt(matcher(migration).group(1));
  }

  private static String description(String migration) {
    return matcher(migration).group(2).replace('_', ' ');
  }

  private static Matcher matcher(String migration) {
    Matcher m = NAME.matcher(migration);
    if (!m.matches()) {
      throw new IllegalStateException("migration name must look like V1__what.sql: " + migration);
    }
    return m;
  }

  private static String read(String migration) {
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream("db/" + migration)) {
      if (in == null) {
        throw new IllegalStateException("migration db/" + migration + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
