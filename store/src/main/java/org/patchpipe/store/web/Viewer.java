package org.patchpipe.store.web;

import java.util.Optional;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiUser;

/**
 * Who is looking at a page: the signed-in user, if any, and the token every form of the page must
 * carry back (CSRF). Every template receives one beside its page, so the layout can show who is
 * signed in and the pages can offer a user's actions. Immutable.
 *
 * @param user the signed-in user; empty for an anonymous visitor
 * @param csrfToken the token forms must post back; empty when the visitor has no session
 */
public record Viewer(Optional<ApiUser> user, Optional<String> csrfToken) {
  /** An anonymous visitor without a session. */
  public static final Viewer ANONYMOUS = new Viewer(Optional.empty(), Optional.empty());

  /** The viewer of {@code request}: its authenticated caller, without a session token yet. */
  public static Viewer of(ApiRequest request) {
    return new Viewer(request.user(), Optional.empty());
  }

  public boolean signedIn() {
    return user.isPresent();
  }
}
