package org.patchpipe.store.api.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * {@code /projects/} and {@code /projects/<id or linkname>/}: Patchwork's {@code ProjectList} and
 * {@code ProjectDetail}. Project edits are not offered (Patchwork lets maintainers change a few
 * web fields; patchpipe configures projects from the command line).
 */
public final class ProjectHandler {
  public static final String LIST_ALLOW = "GET, HEAD, OPTIONS";
  public static final String DETAIL_ALLOW = "GET, PUT, PATCH, HEAD, OPTIONS";

  private static final String SELECT = "SELECT " + EmbeddedProject.columns("pr", "pr_") + ", pr.subject_match";
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "pr.id", "name", "pr.name", "link_name", "pr.linkname"), "id");

  private final ApiDatabase db;

  public ProjectHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    SqlFilter filter = new SqlFilter();
    Search.apply(filter, request.query(), "pr.name", "pr.linkname");
    return Listing.respond(
        request, db, c -> filter, false, LIST_ALLOW,
        "SELECT count(*) FROM project pr", SELECT + " FROM project pr",
        ORDERING.sql(request.query(), "pr.id"),
        rs -> row(rs, request.urls()),
        (connection, rows) -> withMaintainers(connection, rows, request.urls()));
  }

  /** By id, or by link name where the parameter is not a number. */
  public ApiResponse detail(ApiRequest request) {
    String key = request.param(0);
    ProjectJson project = db.read(connection -> {
      String where;
      Object value;
      try {
        value = Long.parseLong(key);
        where = "pr.id = ?";
      } catch (NumberFormatException e) {
        value = key;
        where = "pr.linkname = ?";
      }
      try (PreparedStatement ps = connection.prepareStatement(SELECT + " FROM project pr WHERE " + where)) {
        ps.setObject(1, value);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.notFound();
          }
          return withMaintainers(connection, List.of(row(rs, request.urls())), request.urls()).get(0);
        }
      }
    });
    return ApiResponse.json(200, Json.write(project, request.urls()), Map.of("Allow", DETAIL_ALLOW));
  }

  private static ProjectJson row(ResultSet rs, Urls urls) throws SQLException {
    EmbeddedProject p = EmbeddedProject.read(rs, "pr_", urls);
    return new ProjectJson(
        p.id(), p.url(), p.name(), p.linkName(), p.listId(), p.listEmail(), p.webUrl(), p.scmUrl(),
        p.webscmUrl(), List.of(), rs.getString("subject_match"), p.listArchiveUrl(),
        p.listArchiveUrlFormat(), p.commitUrlFormat());
  }

  private static List<ProjectJson> withMaintainers(Connection connection, List<ProjectJson> projects, Urls urls)
      throws SQLException {
    if (projects.isEmpty()) {
      return projects;
    }
    Map<Long, List<EmbeddedUser>> maintainers = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT m.project_id, " + EmbeddedUser.columns("u", "u_") + " FROM project_maintainer m"
            + " JOIN auth_user u ON u.id = m.user_id WHERE m.project_id = ANY (?) ORDER BY u.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", projects.stream().map(ProjectJson::id).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          maintainers.computeIfAbsent(rs.getLong("project_id"), k -> new ArrayList<>())
              .add(EmbeddedUser.readNullable(rs, "u_", urls));
        }
      }
    }
    List<ProjectJson> out = new ArrayList<>();
    for (ProjectJson p : projects) {
      out.add(new ProjectJson(
          p.id(), p.url(), p.name(), p.linkName(), p.listId(), p.listEmail(), p.webUrl(), p.scmUrl(),
          p.webscmUrl(), List.copyOf(maintainers.getOrDefault(p.id(), List.of())), p.subjectMatch(),
          p.listArchiveUrl(), p.listArchiveUrlFormat(), p.commitUrlFormat()));
    }
    return out;
  }
}
