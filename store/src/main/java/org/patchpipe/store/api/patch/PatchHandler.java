package org.patchpipe.store.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.Ordering;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.SqlFilter;

/**
 * {@code /patches/} and {@code /patches/<id>/}: Patchwork's {@code PatchList} and
 * {@code PatchDetail}. Reads are open to everyone; {@code PUT} and {@code PATCH} need a user who may
 * edit the patch (submitter, delegate or project maintainer).
 */
public final class PatchHandler {
  public static final String LIST_ALLOW = "GET, HEAD, OPTIONS";
  public static final String DETAIL_ALLOW = "GET, PUT, PATCH, HEAD, OPTIONS";

  private static final Ordering ORDERING = new Ordering(
      Map.of(
          "id", "p.id",
          "name", "p.name",
          "project", "pr.linkname",
          "date", "p.date",
          "state", "st.ordering",
          "archived", "p.archived",
          "submitter", "p.submitter_id"),
      "id");

  private final ApiDatabase db;

  public PatchHandler(ApiDatabase db) {
    this.db = db;
  }

  /** {@code GET /patches/} with Patchwork's filters, search and ordering. */
  public ApiResponse list(ApiRequest request) {
    return Listing.respond(request, db, false, LIST_ALLOW,
        connection -> new ListQuery<>(
            "SELECT count(*) FROM patch p",  // every filter is on patch's own columns
            PatchRows.SELECT + PatchRows.FROM,
            filter(connection, request),
            ORDERING.sql(request.query().get("order"), "p.id"),
            rs -> PatchRows.read(rs, request.urls())),
        (connection, rows) -> PatchRows.withRelated(connection, rows, request.urls()));
  }

  private static SqlFilter filter(Connection connection, ApiRequest request) throws SQLException {
    SqlFilter filter = new SqlFilter();
    var q = request.query();
    filter.choice(connection, "p.project_id", q.all("project"), "project", "linkname", v -> v);
    filter.choice(connection, "p.series_id", q.all("series"), "series", null, v -> v);
    filter.choice(connection, "p.submitter_id", q.all("submitter"), "person", "email", v -> v);
    filter.choice(connection, "p.delegate_id", q.all("delegate"), "auth_user", "username", v -> v);
    filter.choice(connection, "p.state_id", q.all("state"), "state", "name", v -> String.join(" ", v.split("-", -1)));
    Boolean archived = SqlFilter.parseBoolean(q.get("archived"));
    if (archived != null) {
      filter.where("p.archived = ?", archived);
    }
    String hash = q.get("hash");
    if (hash != null) {
      filter.where("p.hash = ?", hash.toLowerCase(java.util.Locale.ROOT));
    }
    String msgid = q.get("msgid");
    if (msgid != null) {
      filter.where("p.msgid = ?", "<" + msgid + ">");
    }
    filter.dates(q.get("since"), q.get("before"), "p.date");
    filter.search(q.get("q"), "p.name");
    return filter;
  }

  /** {@code GET /patches/<id>/}. */
  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    PatchDetailJson patch = db.read(connection -> find(connection, request, id));
    return ApiResponse.json(200, Json.write(patch, request.urls()), Map.of("Allow", DETAIL_ALLOW));
  }

  static PatchDetailJson find(Connection connection, ApiRequest request, long id) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(PatchRows.SELECT_DETAIL + PatchRows.FROM + " WHERE p.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound();
        }
        PatchRows.Row row = PatchRows.read(rs, request.urls());
        PatchJson json = PatchRows.withRelated(connection, List.of(row), request.urls()).get(0);
        String headers = rs.getString("headers");
        return PatchDetailJson.of(
            json,
            headers == null || headers.isEmpty() ? Map.of() : ApiHeaders.render(headers),
            rs.getString("content"),
            rs.getString("diff"),
            Prefixes.of(json.name()));
      }
    }
  }

  /**
   * {@code PUT} or {@code PATCH /patches/<id>/}: state, delegate, archived, commit_ref and pull_url,
   * with the {@code patch-state-changed} and {@code patch-delegated} events Patchwork records.
   */
  public ApiResponse update(ApiRequest request) {
    long id = request.idParam(0);
    boolean partial = request.method().equals("PATCH");
    PatchUpdate update = PatchUpdate.parse(request.bodyTree(), partial);
    PatchDetailJson patch = db.write(connection -> {
      PatchRepository patches = new PatchRepository(connection, db.clock());
      if (!patches.lock(id)) {
        throw ApiException.notFound();
      }
      if (request.user().isEmpty()) {
        throw ApiException.notAuthenticated();
      }
      if (!patches.editableBy(id, request.user().get().id())) {
        throw ApiException.forbidden();
      }
      update.apply(connection, db.clock(), id, request.user().get());
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
    return ApiResponse.json(200, Json.write(body, request.urls()), Map.of("Allow", DETAIL_ALLOW));
  }
}
