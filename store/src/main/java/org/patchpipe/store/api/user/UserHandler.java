package org.patchpipe.store.api.user;

import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.db.UserRow;

/**
 * {@code /users/} and {@code /users/<id>/}: Patchwork's {@code UserList} and {@code UserDetail}
 * (authenticated users only; {@code q} searches username, names and email, which is how
 * {@code git-pw} resolves a delegate). User edits are not offered.
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
    request.requireUser();
    long id = request.idParam(0);
    UserRow user = db.read(connection -> new UserRepository(connection).byId(id)).orElseThrow(ApiException::notFound);
    return ApiResponse.json(200, Json.write(EmbeddedUser.of(user, request.urls()), request.urls()),
        Map.of());
  }
}
