package org.patchpipe.store.api.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.Ordering;
import org.patchpipe.store.db.SqlFilter;

/**
 * {@code /events/}: Patchwork's {@code EventList}. Fixed page size (no {@code per_page}), newest
 * first; filters project, category, series, patch, cover, actor, since, before. The comment
 * categories arrived with API 1.3, so a 1.2 client never sees them.
 */
public final class EventHandler {
  public static final String ALLOW = "GET, HEAD, OPTIONS";
  private static final List<String> CATEGORIES = List.of(
      "cover-created", "patch-created", "patch-completed", "patch-state-changed", "patch-delegated",
      "patch-relation-changed", "check-created", "series-created", "series-completed");

  private static final String FROM = " FROM event e"
      + " JOIN project pr ON pr.id = e.project_id"
      + " LEFT JOIN auth_user a ON a.id = e.actor_id"
      + " LEFT JOIN patch p ON p.id = e.patch_id"
      + " LEFT JOIN series se ON se.id = e.series_id"
      + " LEFT JOIN cover c ON c.id = e.cover_id"
      + " LEFT JOIN state ps ON ps.id = e.previous_state_id"
      + " LEFT JOIN state cs ON cs.id = e.current_state_id"
      + " LEFT JOIN auth_user pd ON pd.id = e.previous_delegate_id"
      + " LEFT JOIN auth_user cd ON cd.id = e.current_delegate_id"
      + " LEFT JOIN patch_check k ON k.id = e.created_check_id";
  private static final String SELECT = "SELECT e.id, e.category, e.date, "
      + EmbeddedProject.columns("pr", "pr_") + ", " + EmbeddedUser.columns("a", "a_") + ", "
      + EmbeddedSubmission.columns("p", "p_") + ", " + EmbeddedSeries.columns("se", "se_") + ", "
      + EmbeddedSubmission.columns("c", "c_") + ", ps.slug AS previous_state, cs.slug AS current_state, "
      + EmbeddedUser.columns("pd", "pd_") + ", " + EmbeddedUser.columns("cd", "cd_")
      + ", k.id AS k_id, k.patch_id AS k_patch_id, k.date AS k_date, k.state AS k_state,"
      + " k.target_url AS k_target_url, k.context AS k_context";
  private static final Ordering ORDERING = new Ordering(Map.of("date", "e.date"), "-date");

  private final ApiDatabase db;

  public EventHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    Listing.QueryBuilder<EventJson> query = connection -> {
      SqlFilter f = new SqlFilter();
      var q = request.query();
      f.where("e.category IN ('" + String.join("', '", CATEGORIES) + "')");
      f.choice(connection, "e.project_id", q.all("project"), "project", "linkname", v -> v);
      f.choice(connection, "e.series_id", q.all("series"), "series", null, v -> v);
      f.choice(connection, "e.patch_id", q.all("patch"), "patch", null, v -> v);
      f.choice(connection, "e.cover_id", q.all("cover"), "cover", null, v -> v);
      f.choice(connection, "e.actor_id", q.all("actor"), "auth_user", "username", v -> v);
      String category = q.get("category");
      if (category != null && !category.isEmpty()) {
        if (CATEGORIES.contains(category)) {
          f.where("e.category = ?", category);
        } else {
          f.matchNothing();
        }
      }
      f.dates(q.get("since"), q.get("before"), "e.date");
      return new ListQuery<>("SELECT count(*) FROM event e", SELECT + FROM, f, ORDERING.sql(q.get("order"), "e.id"),
          rs -> row(rs, request.urls()));
    };
    return Listing.respond(request, db, true, ALLOW, query);
  }

  private static EventJson row(ResultSet rs, Urls urls) throws SQLException {
    String category = rs.getString("category");
    EmbeddedProject project = EmbeddedProject.read(rs, "pr_", urls);
    String link = project.linkName();
    String format = project.listArchiveUrlFormat();
    Map<String, Object> payload = new LinkedHashMap<>();
    switch (category) {
      case "cover-created":
        payload.put("cover", cover(rs, link, format, urls));
        break;
      case "patch-created":
        payload.put("patch", patch(rs, link, format, urls));
        break;
      case "patch-completed":
        payload.put("patch", patch(rs, link, format, urls));
        payload.put("series", EmbeddedSeries.readNullable(rs, "se_", link, urls));
        break;
      case "patch-state-changed":
        payload.put("patch", patch(rs, link, format, urls));
        payload.put("previous_state", rs.getString("previous_state"));
        payload.put("current_state", rs.getString("current_state"));
        break;
      case "patch-delegated":
        payload.put("patch", patch(rs, link, format, urls));
        payload.put("previous_delegate", EmbeddedUser.readNullable(rs, "pd_", urls));
        payload.put("current_delegate", EmbeddedUser.readNullable(rs, "cd_", urls));
        break;
      case "patch-relation-changed":
        // Patchwork's serializer always answers null for both relations.
        payload.put("patch", patch(rs, link, format, urls));
        payload.put("previous_relation", null);
        payload.put("current_relation", null);
        break;
      case "check-created":
        payload.put("patch", patch(rs, link, format, urls));
        payload.put("check", check(rs, urls));
        break;
      default:
        payload.put("series", EmbeddedSeries.readNullable(rs, "se_", link, urls));
        break;
    }
    return new EventJson(
        rs.getLong("id"),
        category,
        project,
        Dates.iso(rs.getTimestamp("date").toLocalDateTime()),
        EmbeddedUser.readNullable(rs, "a_", urls),
        payload);
  }

  private static EmbeddedSubmission patch(ResultSet rs, String link, String format, Urls urls) throws SQLException {
    return EmbeddedSubmission.readNullable(rs, "p_", EmbeddedSubmission.Kind.PATCH, link, format, urls);
  }

  private static EmbeddedSubmission cover(ResultSet rs, String link, String format, Urls urls) throws SQLException {
    return EmbeddedSubmission.readNullable(rs, "c_", EmbeddedSubmission.Kind.COVER, link, format, urls);
  }

  private static Map<String, Object> check(ResultSet rs, Urls urls) throws SQLException {
    long id = rs.getLong("k_id");
    if (rs.wasNull()) {
      return null;
    }
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("id", id);
    check.put("url", urls.api("patches/" + rs.getLong("k_patch_id") + "/checks/" + id + "/"));
    check.put("date", Dates.iso(rs.getTimestamp("k_date").toLocalDateTime()));
    check.put("state", org.patchpipe.store.api.check.CheckState.ofCode(rs.getInt("k_state")).label());
    check.put("target_url", rs.getString("k_target_url"));
    check.put("context", rs.getString("k_context"));
    return check;
  }
}
