package org.patchpipe.store.api.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Ordering;
import org.patchpipe.store.api.SqlFilter;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.CheckRepository;
import org.patchpipe.store.db.PatchRepository;

/**
 * Checks of one patch: Patchwork's {@code CheckListCreate} and {@code CheckDetail}. Anyone may
 * read; creating needs a user who may edit the patch, records a {@code check-created} event and
 * answers 201 with the new check's {@code Location}.
 */
public final class CheckHandler {
  public static final String LIST_ALLOW = "GET, POST, HEAD, OPTIONS";
  public static final String DETAIL_ALLOW = "GET, HEAD, OPTIONS";

  private static final String FROM = " FROM patch_check k JOIN auth_user u ON u.id = k.user_id";
  private static final String SELECT = "SELECT k.id, k.patch_id, k.date, k.state, k.target_url, k.context,"
      + " k.description, " + EmbeddedUser.columns("u", "u_");
  private static final Ordering ORDERING = new Ordering(Map.of("id", "k.id", "date", "k.date"), "id");

  private final ApiDatabase db;

  public CheckHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    long patchId = request.idParam(0);
    Listing.FilterBuilder filter = connection -> {
      requirePatch(connection, patchId);
      SqlFilter f = new SqlFilter().where("k.patch_id = ?", patchId);
      var q = request.query();
      f.choice(connection, "k.user_id", q.all("user"), "auth_user", "username", v -> v);
      String state = q.get("state");
      if (state != null) {
        CheckState s = CheckState.ofLabel(state);
        if (s == null && state.matches("[0-3]")) {
          s = CheckState.ofCode(Integer.parseInt(state));
        }
        if (s == null) {
          f.matchNothing();
        } else {
          f.where("k.state = ?", s.ordinal());
        }
      }
      String context = q.get("context");
      if (context != null) {
        f.where("k.context = ?", context);
      }
      f.dates(q, "k.date");
      return f;
    };
    return Listing.respond(
        request, db, filter, false, LIST_ALLOW, "SELECT count(*)" + FROM, SELECT + FROM,
        ORDERING.sql(request.query(), "k.id"), rs -> row(rs, request.urls()), null);
  }

  public ApiResponse detail(ApiRequest request) {
    long patchId = request.idParam(0);
    long checkId = request.idParam(1);
    CheckJson check = db.read(connection -> find(connection, request.urls(), patchId, checkId));
    return ApiResponse.json(200, Json.write(check, request.urls()), Map.of("Allow", DETAIL_ALLOW));
  }

  /** {@code POST}: state (required), target_url, context (default {@code default}), description. */
  public ApiResponse create(ApiRequest request) {
    long patchId = request.idParam(0);
    JsonNode body = request.bodyTree();
    CheckJson check = db.write(connection -> {
      requirePatch(connection, patchId);
      ApiUser user = request.user().orElse(null);
      if (user == null || !new PatchRepository(connection, db.clock()).editableBy(patchId, user.id())) {
        throw ApiException.forbidden();
      }
      NewCheck fields = NewCheck.parse(body);
      long id = new CheckRepository(connection, db.clock()).create(patchId, user.id(), fields.state().ordinal(),
          fields.targetUrl(), fields.context(), fields.description());
      return find(connection, request.urls(), patchId, id);
    });
    return ApiResponse.json(201, Json.write(check, request.urls()), Map.of("Allow", LIST_ALLOW, "Location", check.url()));
  }

  private static void requirePatch(Connection connection, long patchId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM patch WHERE id = ?")) {
      ps.setLong(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound();
        }
      }
    }
  }

  private static CheckJson find(Connection connection, Urls urls, long patchId, long checkId)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        SELECT + FROM + " WHERE k.patch_id = ? AND k.id = ?")) {
      ps.setLong(1, patchId);
      ps.setLong(2, checkId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound();
        }
        return row(rs, urls);
      }
    }
  }

  static CheckJson row(ResultSet rs, Urls urls) throws SQLException {
    long id = rs.getLong("id");
    return new CheckJson(
        id,
        urls.api("patches/" + rs.getLong("patch_id") + "/checks/" + id + "/"),
        EmbeddedUser.readNullable(rs, "u_", urls),
        Dates.iso(rs.getTimestamp("date").toLocalDateTime()),
        CheckState.ofCode(rs.getInt("state")).label(),
        rs.getString("target_url"),
        rs.getString("context"),
        rs.getString("description"));
  }

  /** The fields of a check being created, validated as Patchwork's serializer does. */
  record NewCheck(CheckState state, String targetUrl, String context, String description) {
    static NewCheck parse(JsonNode body) {
      if (!body.isObject()) {
        throw ApiException.invalid(Map.of("non_field_errors", List.of("Invalid data.")));
      }
      JsonNode stateNode = body.get("state");
      if (stateNode == null || stateNode.asText("").isEmpty()) {
        throw ApiException.invalid(Map.of("state", List.of("A check must have a state.")));
      }
      Map<String, List<String>> errors = new LinkedHashMap<>();
      CheckState state = CheckState.ofLabel(stateNode.asText());
      if (state == null && stateNode.asText().matches("[0-3]")) {
        state = CheckState.ofCode(Integer.parseInt(stateNode.asText()));
      }
      if (state == null) {
        errors.put("state", List.of("\"" + stateNode.asText() + "\" is not a valid choice."));
      }
      String targetUrl = optional(body, "target_url");
      if (targetUrl != null && !targetUrl.isEmpty() && !targetUrl.matches("(?i)(https?|ftps?)://\\S+")) {
        errors.put("target_url", List.of("Enter a valid URL."));
      }
      String context = optional(body, "context");
      if (context == null) {
        context = "default";
      } else if (!context.matches("[-a-zA-Z0-9_]+")) {
        errors.put("context", List.of(
            "Enter a valid \u201cslug\u201d consisting of letters, numbers, underscores or hyphens."));
      }
      if (!errors.isEmpty()) {
        throw ApiException.invalid(errors);
      }
      return new NewCheck(state, targetUrl, context, optional(body, "description"));
    }

    private static String optional(JsonNode body, String field) {
      JsonNode node = body.get(field);
      return node == null || node.isNull() ? null : node.asText();
    }
  }
}
