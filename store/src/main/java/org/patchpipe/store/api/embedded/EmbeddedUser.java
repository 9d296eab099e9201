package org.patchpipe.store.api.embedded;

import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.UserRow;

/** A user (delegate, maintainer, check author, event actor) as nested in other resources. */
public record EmbeddedUser(
    long id, String url, String username, String firstName, String lastName, String email) {

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
