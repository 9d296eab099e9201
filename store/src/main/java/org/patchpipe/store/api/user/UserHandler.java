package org.patchpipe.store.api.user;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Ordering;
import org.patchpipe.store.api.Search;
import org.patchpipe.store.api.SqlFilter;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * {@code /users/} and {@code /users/<id>/}: Patchwork's {@code UserList} and {@code UserDetail}
 * (authenticated users only; {@code q} searches username, names and email, which is how
 * {@code git-pw} resolves a delegate). User edits are not offered.
 */
public final class UserHandler {
  public static final String LIST_ALLOW = "GET, HEAD, OPTIONS";
  public static final String DETAIL_ALLOW = "GET, PUT, PATCH, HEAD, OPTIONS";

  private static final String SELECT = "SELECT " + EmbeddedUser.columns("u", "u_") + " FROM auth_user u";
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "u.id", "username", "u.username", "email", "u.email"), "id");

  private final ApiDatabase db;

  public UserHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    request.requireUser();
    SqlFilter filter = new SqlFilter();
    Search.apply(filter, request.query(), "u.username", "u.first_name", "u.last_name", "u.email");
    return Listing.respond(
        request, db, c -> filter, false, LIST_ALLOW,
        "SELECT count(*) FROM auth_user u", SELECT, ORDERING.sql(request.query(), "u.id"),
        rs -> EmbeddedUser.readNullable(rs, "u_", request.urls()), null);
  }

  public ApiResponse detail(ApiRequest request) {
    request.requireUser();
    long id = request.idParam(0);
    EmbeddedUser user = db.read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(SELECT + " WHERE u.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.notFound();
          }
          return EmbeddedUser.readNullable(rs, "u_", request.urls());
        }
      }
    });
    return ApiResponse.json(200, Json.write(user, request.urls()), Map.of("Allow", DETAIL_ALLOW));
  }
}
