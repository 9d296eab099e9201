package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Urls;

/** A user (delegate, maintainer, check author, event actor) as nested in other resources. */
public record EmbeddedUser(
    long id, String url, String username, String firstName, String lastName, String email) {

  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".username AS " + prefix + "username",
        a + ".first_name AS " + prefix + "first_name",
        a + ".last_name AS " + prefix + "last_name",
        a + ".email AS " + prefix + "email");
  }

  /** The user, or null where the (outer-joined) id column is null. */
  public static EmbeddedUser readNullable(ResultSet rs, String prefix, Urls urls) throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    return new EmbeddedUser(
        id,
        urls.api("users/" + id + "/"),
        rs.getString(prefix + "username"),
        EmbeddedProject.nonNull(rs.getString(prefix + "first_name")),
        EmbeddedProject.nonNull(rs.getString(prefix + "last_name")),
        EmbeddedProject.nonNull(rs.getString(prefix + "email")));
  }

  public static EmbeddedUser of(ApiUser user, Urls urls) {
    return new EmbeddedUser(
        user.id(), urls.api("users/" + user.id() + "/"), user.username(), user.firstName(),
        user.lastName(), user.email());
  }
}
