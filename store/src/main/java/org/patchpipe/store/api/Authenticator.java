package org.patchpipe.store.api;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.patchpipe.store.db.PasswordHash;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.db.UserRow;

/**
 * Resolves the {@code Authorization} header as Patchwork's REST framework settings do (session,
 * then HTTP Basic, then token). Session authentication comes first there and has no challenge, so
 * every authentication failure is 403, never 401: no header is anonymous; {@code Token <key>} with
 * an unknown key is 403 "Invalid token."; {@code Basic base64(user:password)} with a wrong or
 * unusable password, an unknown or an inactive user is 403 "Invalid username/password." (Django's
 * {@code ModelBackend} refuses inactive users before DRF could say so); a malformed header of
 * either scheme is 403 with DRF's message ({@link BasicCredentials}). Other schemes are ignored, as
 * DRF ignores them.
 *
 * <p>A password check is an Argon2id computation ({@link PasswordHash}: tens of milliseconds and
 * 19 MiB) on one of the server's few request threads. At most {@code verifierSlots} run at once,
 * so a flood of guesses can neither take every thread nor the heap; a request that waits more
 * than {@link #VERIFY_WAIT_SECONDS} for a slot is 429, DRF's throttling answer. The user is looked up
 * and the connection given back before the check, and an unknown user costs the same check
 * against a dummy hash, so the answer's timing does not tell which usernames exist.
 */
public final class Authenticator {
  static final int VERIFY_WAIT_SECONDS = 10;
  private final ApiDatabase db;
  private final Semaphore verifiers;

  public Authenticator(ApiDatabase db, int verifierSlots) {
    this.db = db;
    this.verifiers = new Semaphore(verifierSlots, true);
  }

  /** The caller, or empty when anonymous; throws {@link ApiException} for bad credentials. */
  public Optional<ApiUser> authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    String[] parts = authorization.strip().split("\\s+");
    String scheme = parts[0].toLowerCase(Locale.ROOT);
    if (scheme.equals("basic")) {
      return Optional.of(basic(BasicCredentials.parse(parts)));
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
    Optional<ApiUser> user = db.read(connection -> new UserRepository(connection).byToken(key)).map(Authenticator::caller);
    if (user.isEmpty()) {
      throw ApiException.detail(403, "Invalid token.");
    }
    return user;
  }

  private ApiUser basic(BasicCredentials credentials) {
    Optional<UserRepository.Credentials> stored =
        db.read(connection -> new UserRepository(connection).credentials(credentials.username()));
    boolean valid;
    acquire();
    try {
      valid = stored.isPresent() && PasswordHash.usable(stored.get().passwordHash())
          ? PasswordHash.verify(credentials.password(), stored.get().passwordHash())
          : PasswordHash.verifyNone(credentials.password());
    } finally {
      verifiers.release();
    }
    if (!valid || !stored.get().active()) {
      throw ApiException.detail(403, "Invalid username/password.");
    }
    return caller(stored.get().user());
  }

  private void acquire() {
    try {
      if (!verifiers.tryAcquire(VERIFY_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw ApiException.detail(429, "Request was throttled. Expected available in 1 second.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.detail(429, "Request was throttled. Expected available in 1 second.");
    }
  }

  private static ApiUser caller(UserRow u) {
    return new ApiUser(u.id(), u.username(), u.firstName(), u.lastName(), u.email());
  }
}
