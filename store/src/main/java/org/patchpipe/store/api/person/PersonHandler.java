package org.patchpipe.store.api.person;

import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.PersonRepository;
import org.patchpipe.store.db.PersonRepository.PersonRow;

/**
 * {@code /people/} and {@code /people/<id>/}: Patchwork's {@code PersonList} and
 * {@code PersonDetail}, which require an authenticated user (403 otherwise).
 */
public final class PersonHandler {

  private final ApiDatabase db;

  public PersonHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    request.requireUser();
    return Listing.respond(
        request, db, false,
        connection -> new PersonRepository(connection).list(request.query().get("q"), request.query().get("order")),
        (connection, rows) -> rows.stream().map(p -> json(p, request.urls())).toList());
  }

  public ApiResponse detail(ApiRequest request) {
    request.requireUser();
    long id = request.idParam(0);
    PersonRow person = db.read(connection -> new PersonRepository(connection).find(id))
        .orElseThrow(ApiException::notFound);
    return ApiResponse.json(200, Json.write(json(person, request.urls()), request.urls()), Map.of());
  }

  private static PersonJson json(PersonRow row, Urls urls) {
    return new PersonJson(row.id(), urls.api("people/" + row.id() + "/"), row.name(), row.email(),
        EmbeddedUser.of(row.user(), urls));
  }
}
