package org.patchpipe.store.api.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
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

  private final ApiDatabase db;

  public CheckHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    long patchId = request.idParam(0);
    var q = request.query();
    Integer state = null;
    if (q.get("state") != null) {
      CheckState s = CheckState.ofLabel(q.get("state"));
      if (s == null && q.get("state").matches("[0-3]")) {
        s = CheckState.ofCode(Integer.parseInt(q.get("state")));
      }
      state = s == null ? -1 : s.ordinal();
    }
    CheckRepository.CheckFilter filter =
        new CheckRepository.CheckFilter(q.all("user"), state, q.get("context"), q.get("since"), q.get("before"));
    return Listing.respond(request, db, false,
        connection -> {
          requirePatch(connection, patchId);
          return new CheckRepository(connection, db.clock()).list(patchId, filter, q.get("order"));
        },
        (connection, rows) -> rows.stream().map(row -> json(row, request.urls())).toList());
  }

  public ApiResponse detail(ApiRequest request) {
    long patchId = request.idParam(0);
    long checkId = request.idParam(1);
    CheckJson check = db.read(connection -> find(connection, request.urls(), patchId, checkId));
    return ApiResponse.json(200, Json.write(check, request.urls()), Map.of());
  }

  /** {@code POST}: state (required), target_url, context (default {@code default}), description. */
  public ApiResponse create(ApiRequest request) {
    long patchId = request.idParam(0);
    CheckJson check = db.write(connection -> {
      requirePatch(connection, patchId);
      ApiUser user = request.user().orElse(null);
      if (user == null || !new PatchRepository(connection, db.clock()).editableBy(patchId, user.id())) {
        throw ApiException.forbidden();
      }
      // As Patchwork's CheckListCreate.create: the patch and the caller's rights come first.
      NewCheck fields = NewCheck.parse(request.bodyTree());
      long id = new CheckRepository(connection, db.clock()).create(patchId, user.id(), fields.state().ordinal(),
          fields.targetUrl(), fields.context(), fields.description());
      return find(connection, request.urls(), patchId, id);
    });
    return ApiResponse.json(201, Json.write(check, request.urls()), Map.of("Location", check.url()));
  }

  private void requirePatch(Connection connection, long patchId) throws SQLException {
    if (!new PatchRepository(connection, db.clock()).exists(patchId)) {
      throw ApiException.notFound();
    }
  }

  private CheckJson find(Connection connection, Urls urls, long patchId, long checkId) throws SQLException {
    return json(new CheckRepository(connection, db.clock()).find(patchId, checkId).orElseThrow(ApiException::notFound),
        urls);
  }

  private static CheckJson json(CheckRepository.CheckRow row, Urls urls) {
    return new CheckJson(
        row.id(),
        urls.api("patches/" + row.patchId() + "/checks/" + row.id() + "/"),
        EmbeddedUser.of(row.user(), urls),
        Dates.iso(row.date()),
        CheckState.ofCode(row.state()).label(),
        row.targetUrl(),
        row.context(),
        row.description());
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
