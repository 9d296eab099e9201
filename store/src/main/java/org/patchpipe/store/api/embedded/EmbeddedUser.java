package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.UserRow;

/** A user (delegate, maintainer, check author, event actor) as nested in other resources. */
public record EmbeddedUser(
    long id, String url, String username, String firstName, String lastName, String email) {

  public static String columns(String a, String prefix) {
    return UserRow.columns(a, prefix);
  }

  /** The user, or null where the (outer-joined) id column is null. */
  public static EmbeddedUser readNullable(ResultSet rs, String prefix, Urls urls) throws SQLException {
    return of(UserRow.readNullable(rs, prefix), urls);
  }

  /** The user as nested, or null for none; unset names and email served as empty strings. */
  public static EmbeddedUser of(UserRow user, Urls urls) {
    if (user == null) {
      return null;
    }
    return new EmbeddedUser(
        user.id(),
        urls.api("users/" + user.id() + "/"),
        user.username(),
        EmbeddedProject.nonNull(user.firstName()),
        EmbeddedProject.nonNull(user.lastName()),
        EmbeddedProject.nonNull(user.email()));
  }

  public static EmbeddedUser of(ApiUser user, Urls urls) {
    return new EmbeddedUser(
        user.id(), urls.api("users/" + user.id() + "/"), user.username(), user.firstName(),
        user.lastName(), user.email());
  }
}
