package org.patchpipe.store.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Patchwork's users as the {@code patchpipe user} command manages them: Django's {@code auth_user}
 * with its UserProfile, DRF API tokens, and maintainer projects. A new user is linked to the Person
 * with the same email, as Patchwork links them on registration. Passwords are stored as
 * {@link PasswordHash} encodes them (Argon2id; never in clear). Runs on the caller's connection with auto-commit
 * as the caller set it; SQL failures are {@link StoreException}s, and expected refusals (unknown
 * user or project, taken name) are {@link IllegalArgumentException}s whose message says what to do.
 */
public final class UserRepository {
  /** A user as listed by {@code patchpipe user list}. */
  public record User(long id, String username, String email, boolean superuser, List<String> maintainerOf,
      boolean hasToken) {}

  /**
   * What HTTP Basic authentication needs of a user: the user, the stored password hash (empty when
   * unusable) and whether the account is active.
   */
  public record Credentials(UserRow user, String passwordHash, boolean active) {}

  /** A user's profile settings, the API's {@code settings}. */
  public record Settings(boolean sendEmail, int itemsPerPage, boolean showIds) {}

  private static final String SELECT_ROW = "SELECT " + UserRow.columns("u", "u_") + " FROM auth_user u";
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "u.id", "username", "u.username", "email", "u.email"), "id");

  private final Connection connection;
  private final SecureRandom random;
  private final PasswordHash passwords;

  /** For reads and the API's checks, which make no passwords or tokens. */
  public UserRepository(Connection connection) {
    this(connection, new SecureRandom());
  }

  public UserRepository(Connection connection, SecureRandom random) {
    this.connection = connection;
    this.random = random;
    this.passwords = new PasswordHash(random);
  }

  /**
   * Creates a user.
   *
   * @param password the password, or null for none (API tokens still work)
   * @throws IllegalArgumentException if the username is taken
   */
  public long add(String username, String email, String firstName, String lastName, String password,
      boolean superuser) {
    if (find(username).isPresent()) {
      throw new IllegalArgumentException("user '" + username + "' exists already");
    }
    return SqlWork.unchecked(() -> {
      long id;
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO auth_user (username, email, first_name,"
          + " last_name, password, is_superuser, is_staff) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, username);
        ps.setString(2, email);
        ps.setString(3, firstName == null ? "" : firstName);
        ps.setString(4, lastName == null ? "" : lastName);
        ps.setString(5, password == null ? "" : passwords.hash(password));
        ps.setBoolean(6, superuser);
        ps.setBoolean(7, superuser);
        id = SqlWork.returnedId(ps);
      }
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO user_profile (user_id) VALUES (?)")) {
        ps.setLong(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE person SET user_id = ? WHERE lower(email) = lower(?) AND user_id IS NULL")) {
        ps.setLong(1, id);
        ps.setString(2, email);
        ps.executeUpdate();
      }
      return id;
    });
  }

  /**
   * The user's API token, created if the user has none ({@code renew}: replaced by a new one).
   *
   * @throws IllegalArgumentException if there is no such user
   */
  public String token(String username, boolean renew) {
    long userId = require(username);
    return SqlWork.unchecked(() -> {
      if (!renew) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT key FROM api_token WHERE user_id = ?")) {
          ps.setLong(1, userId);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return rs.getString(1);
            }
          }
        }
      }
      // DRF's Token.generate_key: 20 random bytes as 40 hex digits.
      byte[] bytes = new byte[20];
      random.nextBytes(bytes);
      String key = HexFormat.of().formatHex(bytes);
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO api_token (key, user_id) VALUES (?, ?)"
          + " ON CONFLICT (user_id) DO UPDATE SET key = excluded.key, created = now() AT TIME ZONE 'UTC'")) {
        ps.setString(1, key);
        ps.setLong(2, userId);
        ps.executeUpdate();
      }
      return key;
    });
  }

  /**
   * Sets the user's password (hashed; {@code null} makes it unusable, so only API tokens work).
   *
   * @throws IllegalArgumentException if there is no such user
   */
  public void password(String username, String password) {
    long userId = require(username);
    String encoded = password == null ? "" : passwords.hash(password);
    SqlWork.unchecked(() -> {
      try (PreparedStatement ps = connection.prepareStatement("UPDATE auth_user SET password = ? WHERE id = ?")) {
        ps.setString(1, encoded);
        ps.setLong(2, userId);
        return ps.executeUpdate();
      }
    });
  }

  /** The user with exactly this username (as Django's {@code get_by_natural_key}), for a login. */
  public Optional<Credentials> credentials(String username) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT " + UserRow.columns("u", "u_")
        + ", u.password AS u_password, u.is_active AS u_active FROM auth_user u WHERE u.username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Credentials(UserRow.readNullable(rs, "u_"), rs.getString("u_password"),
            rs.getBoolean("u_active")));
      }
    }
  }

  /**
   * Makes the user a maintainer of the project with this link name, or removes that.
   *
   * @throws IllegalArgumentException if the user or project does not exist
   */
  public void maintainer(String username, String projectLinkName, boolean remove) {
    long userId = require(username);
    long projectId = SqlWork.unchecked(() -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM project WHERE linkname = ?")) {
        ps.setString(1, projectLinkName);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no project '" + projectLinkName
                + "': projects are created when their first mail is stored; see GET /api/1.2/projects/");
          }
          return rs.getLong(1);
        }
      }
    });
    SqlWork.unchecked(() -> {
      String sql = remove
          ? "DELETE FROM project_maintainer WHERE user_id = ? AND project_id = ?"
          : "INSERT INTO project_maintainer (user_id, project_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setLong(1, userId);
        ps.setLong(2, projectId);
        return ps.executeUpdate();
      }
    });
  }

  /** Every user, by id. */
  public List<User> list() {
    return SqlWork.unchecked(() -> {
      List<User> users = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement("SELECT u.id, u.username, u.email, u.is_superuser,"
          + " coalesce((SELECT string_agg(p.linkname, ',' ORDER BY p.linkname) FROM project_maintainer m"
          + " JOIN project p ON p.id = m.project_id WHERE m.user_id = u.id), ''),"
          + " EXISTS (SELECT 1 FROM api_token t WHERE t.user_id = u.id) FROM auth_user u ORDER BY u.id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String projects = rs.getString(5);
          users.add(new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
              projects.isEmpty() ? List.of() : List.of(projects.split(",")), rs.getBoolean(6)));
        }
      }
      return users;
    });
  }

  /** The user's id, if the user exists. */
  public Optional<Long> find(String username) {
    return SqlWork.unchecked(() -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM auth_user WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
      }
    });
  }

  /** The username of the user with this id, if there is one. */
  public Optional<String> username(long userId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT username FROM auth_user WHERE id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Whether the user maintains the project. */
  public boolean maintains(long userId, long projectId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT 1 FROM project_maintainer WHERE user_id = ? AND project_id = ?")) {
      ps.setLong(1, userId);
      ps.setLong(2, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The user's profile settings (Patchwork's defaults where the user has no profile row). */
  public Settings settings(long userId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT send_email, items_per_page, show_ids FROM user_profile WHERE user_id = ?")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Settings(rs.getBoolean(1), rs.getInt(2), rs.getBoolean(3)) : new Settings(false, 100, false);
      }
    }
  }

  /** Applies a validated edit to the user and their profile (created if missing). */
  public void edit(long userId, UserEdit edit) throws SQLException {
    if (edit.firstName().isPresent() || edit.lastName().isPresent()) {
      try (PreparedStatement ps = connection.prepareStatement("UPDATE auth_user SET"
          + " first_name = coalesce(?, first_name), last_name = coalesce(?, last_name) WHERE id = ?")) {
        ps.setString(1, edit.firstName().orElse(null));
        ps.setString(2, edit.lastName().orElse(null));
        ps.setLong(3, userId);
        ps.executeUpdate();
      }
    }
    if (edit.sendEmail().isPresent() || edit.itemsPerPage().isPresent() || edit.showIds().isPresent()) {
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO user_profile (user_id) VALUES (?)"
          + " ON CONFLICT (user_id) DO NOTHING")) {
        ps.setLong(1, userId);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement("UPDATE user_profile SET"
          + " send_email = coalesce(?, send_email), items_per_page = coalesce(?, items_per_page),"
          + " show_ids = coalesce(?, show_ids) WHERE user_id = ?")) {
        ps.setObject(1, edit.sendEmail().orElse(null), java.sql.Types.BOOLEAN);
        ps.setObject(2, edit.itemsPerPage().orElse(null), java.sql.Types.INTEGER);
        ps.setObject(3, edit.showIds().orElse(null), java.sql.Types.BOOLEAN);
        ps.setLong(4, userId);
        ps.executeUpdate();
      }
    }
  }

  /** The active user whose API token is {@code key}, if any. */
  public Optional<UserRow> byToken(String key) throws SQLException {
    return one(SELECT_ROW + " JOIN api_token t ON t.user_id = u.id WHERE t.key = ? AND u.is_active", key);
  }

  /** The user with this id, if any. */
  public Optional<UserRow> byId(long id) throws SQLException {
    return one(SELECT_ROW + " WHERE u.id = ?", id);
  }

  /** Users whose username, names or email match the search {@code q} (null: all), in {@code order}. */
  public ListQuery<UserRow> search(String q, String order) {
    SqlFilter filter = new SqlFilter();
    filter.search(q, "u.username", "u.first_name", "u.last_name", "u.email");
    return new ListQuery<>("SELECT count(*) FROM auth_user u", SELECT_ROW, filter, ORDERING.sql(order, "u.id"),
        rs -> UserRow.readNullable(rs, "u_"));
  }

  private Optional<UserRow> one(String sql, Object key) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setObject(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(UserRow.readNullable(rs, "u_")) : Optional.empty();
      }
    }
  }

  private long require(String username) {
    return find(username).orElseThrow(() -> new IllegalArgumentException(
        "no user '" + username + "': create it first with 'patchpipe user add " + username + " --email ...'"));
  }
}
