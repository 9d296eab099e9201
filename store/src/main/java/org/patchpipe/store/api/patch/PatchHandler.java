package org.patchpipe.store.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchRepository;

/**
 * {@code /patches/} and {@code /patches/<id>/}: Patchwork's {@code PatchList} and
 * {@code PatchDetail}. Reads are open to everyone; {@code PUT} and {@code PATCH} need a user who may
 * edit the patch (submitter, delegate or project maintainer), and {@code related} a maintainer of
 * every project involved ({@link RelatedUpdate}).
 */
public final class PatchHandler {

  private final ApiDatabase db;

  public PatchHandler(ApiDatabase db) {
    this.db = db;
  }

  /** {@code GET /patches/} with Patchwork's filters, search and ordering. */
  public ApiResponse list(ApiRequest request) {
    var q = request.query();
    PatchQueries.PatchFilter filter = new PatchQueries.PatchFilter(q.all("project"), q.all("series"),
        q.all("submitter"), q.all("delegate"), q.all("state"), q.get("archived"), q.get("hash"), q.get("msgid"),
        q.get("since"), q.get("before"), q.get("q"));
    return Listing.respond(request, db, false,
        connection -> new PatchQueries(connection).list(filter, q.get("order")),
        (connection, rows) -> PatchRows.json(new PatchQueries(connection), rows, request.urls()));
  }

  /** {@code GET /patches/<id>/}. */
  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    PatchDetailJson patch = db.read(connection -> find(connection, request, id));
    return ApiResponse.json(200, Json.write(patch, request.urls()), Map.of());
  }

  static PatchDetailJson find(Connection connection, ApiRequest request, long id) throws SQLException {
    PatchQueries queries = new PatchQueries(connection);
    PatchQueries.PatchRow row = queries.find(id).orElseThrow(ApiException::notFound);
    PatchJson json = PatchRows.json(queries, List.of(row), request.urls()).get(0);
    return PatchDetailJson.of(
        json,
        row.headers() == null || row.headers().isEmpty() ? Map.of() : ApiHeaders.render(row.headers()),
        row.content(),
        row.diff(),
        Prefixes.of(json.name()));
  }

  /**
   * Applies one client update to existing patches the caller may each edit, on the caller's
   * transaction: every patch is locked (in id order) and checked first (403 for any the caller may
   * not edit: submitter, delegate or project maintainer), and only then is the body read, as DRF's
   * {@code get_object} comes before validation; the update is validated once and applied to each
   * patch in the order given, with Patchwork's events for each. Any refusal throws, so the caller's
   * transaction rolls back whole. Serves {@code PUT}/{@code PATCH /patches/<id>/} and the series
   * extension, {@code PATCH /series/<id>/}.
   */
  public static void edit(Connection connection, java.time.Clock clock, List<Long> patchIds, ApiUser user,
      java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> body, boolean partial) throws SQLException {
    PatchRepository patches = new PatchRepository(connection, clock);
    for (long id : patchIds.stream().sorted().toList()) {
      patches.lock(id);
      if (!patches.editableBy(id, user.id())) {
        throw ApiException.forbidden();
      }
    }
    PatchUpdate update = PatchUpdate.parse(body.get(), partial);
    for (long id : patchIds) {
      update.apply(connection, clock, id, user);
    }
  }

  /**
   * {@code PUT} or {@code PATCH /patches/<id>/}: state, delegate, archived, commit_ref, pull_url and
   * related, with the {@code patch-state-changed}, {@code patch-delegated} and
   * {@code patch-relation-changed} events Patchwork records.
   */
  public ApiResponse update(ApiRequest request) {
    long id = request.idParam(0);
    boolean partial = request.method().equals("PATCH");
    PatchDetailJson patch = db.write(connection -> {
      if (!new PatchRepository(connection, db.clock()).lock(id)) {
        throw ApiException.notFound();
      }
      edit(connection, db.clock(), List.of(id), request.requireUser(), request::bodyTree, partial);
      return find(connection, request, id);
    });
    ObjectNode body;
    try {
      body = (ObjectNode) Json.mapper().readTree(Json.write(patch, request.urls()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (partial && patch.related().isEmpty()) {
      // DRF skips a field with a default in a partial update's response when the source
      // (patch.related) is None, so a PATCH answer has no "related" key for an unrelated patch.
      body.remove("related");
    }
    return ApiResponse.json(200, Json.write(body, request.urls()), Map.of());
  }
}
