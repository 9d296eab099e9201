package org.patchpipe.store.api;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

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
    Optional<ApiUser> user = db.read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT u.id, u.username, u.first_name, u.last_name, u.email FROM api_token t"
              + " JOIN auth_user u ON u.id = t.user_id WHERE t.key = ? AND u.is_active")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<ApiUser>empty();
          }
          return Optional.of(new ApiUser(
              rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
      }
    });
    if (user.isEmpty()) {
      throw ApiException.detail(403, "Invalid token.");
    }
    return user;
  }
}
