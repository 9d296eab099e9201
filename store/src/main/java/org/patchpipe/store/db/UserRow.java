package org.patchpipe.store.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A user ({@code auth_user}) as the API shows one: alone, or as a delegate, maintainer, check
 * author, event actor or token owner. Names and email may be null. Immutable.
 */
public record UserRow(long id, String username, String firstName, String lastName, String email) {
  /** The columns {@link #readNullable} expects, from table alias {@code a}, prefixed {@code prefix}. */
  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".username AS " + prefix + "username",
        a + ".first_name AS " + prefix + "first_name",
        a + ".last_name AS " + prefix + "last_name",
        a + ".email AS " + prefix + "email");
  }

  /** The user, or null where the (outer-joined) id column is null. */
  public static UserRow readNullable(ResultSet rs, String prefix) throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    return new UserRow(id, rs.getString(prefix + "username"), rs.getString(prefix + "first_name"),
        rs.getString(prefix + "last_name"), rs.getString(prefix + "email"));
  }
}
