package org.patchpipe.store.api;

import java.util.Optional;
import org.patchpipe.store.db.UserRepository;

/**
 * Resolves the {@code Authorization} header as Patchwork's REST framework settings do. Session
 * authentication comes first there and has no challenge, so every authentication failure is 403,
 * never 401: no header is anonymous; {@code Token <key>} with an unknown key is 403
 * "Invalid token."; a malformed token header is 403 with DRF's message; {@code Basic} is refused
 * (patchpipe users have API tokens, not passwords). Other schemes are ignored, as DRF ignores them.
 */
public final class Authenticator {
  private final ApiDatabase db;

  public Authenticator(ApiDatabase db) {
    this.db = db;
  }

  /** The caller, or empty when anonymous; throws {@link ApiException} for bad credentials. */
  public Optional<ApiUser> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    String[] parts = authorization.strip().split("\\s+");
    String scheme = parts[0].toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("basic")) {
      throw ApiException.detail(403, "Invalid username/password.");
    }
    if (!scheme.equals("token")) {
      return Optional.empty();
    }
    if (parts.length == 1) {
      throw ApiException.detail(403, "Invalid token header. No credentials provided.");
    }
    if (parts.length > 2) {
      throw ApiException.detail(403, "Invalid token header. Token string should not contain spaces.");
    }
    String key = parts[1];
    Optional<ApiUser> user = db.read(connection -> new UserRepository(connection).byToken(key))
        .map(u -> new ApiUser(u.id(), u.username(), u.firstName(), u.lastName(), u.email()));
    if (user.isEmpty()) {
      throw ApiException.detail(403, "Invalid token.");
    }
    return user;
  }
}
