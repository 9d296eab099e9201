package org.patchpipe.store.api.user;

import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.db.UserRow;

/**
 * {@code /users/} and {@code /users/<id>/}: Patchwork's {@code UserList} and {@code UserDetail}
 * (authenticated users only; {@code q} searches username, names and email, which is how
 * {@code git-pw} resolves a delegate). {@code PUT} and {@code PATCH} let a user change their own
 * names and settings ({@link UserUpdate}); anyone else's account is 403, as Patchwork's
 * {@code IsOwnerOrReadOnly} answers.
 */
public final class UserHandler {

  private final ApiDatabase db;

  public UserHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    request.requireUser();
    return Listing.respond(
        request, db, false,
        connection -> new UserRepository(connection).search(request.query().get("q"), request.query().get("order")),
        (connection, rows) -> rows.stream().map(u -> EmbeddedUser.of(u, request.urls())).toList());
  }

  public ApiResponse detail(ApiRequest request) {
    ApiUser caller = request.requireUser();
    long id = request.idParam(0);
    UserDetailJson user = db.read(connection -> detail(new UserRepository(connection), caller, id, request));
    return ApiResponse.json(200, Json.write(user, request.urls()), Map.of());
  }

  /** {@code PUT} or {@code PATCH /users/<id>/}: 403 when anonymous, 404, 403 unless oneself, 400. */
  public ApiResponse update(ApiRequest request) {
    // IsAuthenticatedOrReadOnly is a view permission: it answers before the user is looked up.
    ApiUser caller = request.requireUser();
    long id = request.idParam(0);
    UserDetailJson user = db.write(connection -> {
      UserRepository users = new UserRepository(connection);
      users.byId(id).orElseThrow(ApiException::notFound);
      if (caller.id() != id) {
        throw ApiException.forbidden();
      }
      users.edit(id, UserUpdate.parse(request.bodyTree(), request.method().equals("PATCH"),
          request.urls().minorVersion()));
      return detail(users, caller, id, request);
    });
    return ApiResponse.json(200, Json.write(user, request.urls()), Map.of());
  }

  private static UserDetailJson detail(UserRepository users, ApiUser caller, long id, ApiRequest request)
      throws java.sql.SQLException {
    UserRow row = users.byId(id).orElseThrow(ApiException::notFound);
    boolean settings = caller.id() == id && request.urls().minorVersion() >= 2;
    return UserDetailJson.of(row, settings ? users.settings(id) : null, request.urls());
  }
}
