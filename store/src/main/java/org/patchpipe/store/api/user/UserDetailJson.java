package org.patchpipe.store.api.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.db.UserRow;

/**
 * A user as {@code /users/<id>/} renders one (Patchwork's {@code UserDetailSerializer}): the listed
 * fields, and {@code settings} only for the user themself from API 1.2 on.
 */
public record UserDetailJson(
    long id, String url, String username, String firstName, String lastName, String email,
    @JsonInclude(JsonInclude.Include.NON_NULL) SettingsJson settings) {

  /** The profile settings (Patchwork's {@code UserProfileSerializer}). */
  public record SettingsJson(boolean sendEmail, int itemsPerPage, boolean showIds) {}

  /** {@code settings} null where the caller is someone else or the version predates them. */
  static UserDetailJson of(UserRow user, UserRepository.Settings settings, Urls urls) {
    EmbeddedUser u = EmbeddedUser.of(user, urls);
    return new UserDetailJson(u.id(), u.url(), u.username(), u.firstName(), u.lastName(), u.email(),
        settings == null ? null : new SettingsJson(settings.sendEmail(), settings.itemsPerPage(), settings.showIds()));
  }
}
