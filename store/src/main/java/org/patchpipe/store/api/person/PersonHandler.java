package org.patchpipe.store.api.person;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * {@code /people/} and {@code /people/<id>/}: Patchwork's {@code PersonList} and
 * {@code PersonDetail}, which require an authenticated user (403 otherwise).
 */
public final class PersonHandler {
  public static final String ALLOW = "GET, HEAD, OPTIONS";

  private static final String SELECT = "SELECT s.id, s.name, s.email, " + EmbeddedUser.columns("u", "u_")
      + " FROM person s LEFT JOIN auth_user u ON u.id = s.user_id";
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "s.id", "name", "s.name", "email", "s.email"), "id");

  private final ApiDatabase db;

  public PersonHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    request.requireUser();
    SqlFilter filter = new SqlFilter();
    Search.apply(filter, request.query(), "s.name", "s.email");
    return Listing.respond(
        request, db, c -> filter, false, ALLOW,
        "SELECT count(*) FROM person s", SELECT, ORDERING.sql(request.query(), "s.id"),
        rs -> row(rs, request.urls()), null);
  }

  public ApiResponse detail(ApiRequest request) {
    request.requireUser();
    long id = request.idParam(0);
    PersonJson person = db.read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(SELECT + " WHERE s.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.notFound();
          }
          return row(rs, request.urls());
        }
      }
    });
    return ApiResponse.json(200, Json.write(person, request.urls()), Map.of("Allow", ALLOW));
  }

  private static PersonJson row(ResultSet rs, Urls urls) throws SQLException {
    long id = rs.getLong("id");
    return new PersonJson(
        id, urls.api("people/" + id + "/"), rs.getString("name"), rs.getString("email"),
        EmbeddedUser.readNullable(rs, "u_", urls));
  }
}
