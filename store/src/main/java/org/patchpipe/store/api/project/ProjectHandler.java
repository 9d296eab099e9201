package org.patchpipe.store.api.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.ProjectRow;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.db.UserRow;

/**
 * {@code /projects/} and {@code /projects/<id or linkname>/}: Patchwork's {@code ProjectList} and
 * {@code ProjectDetail}. {@code PUT} and {@code PATCH} let the project's maintainers change its web
 * fields ({@link ProjectUpdate}), as Patchwork's {@code PatchworkPermission} does.
 */
public final class ProjectHandler {

  private final ApiDatabase db;

  public ProjectHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    return Listing.respond(
        request, db, false,
        connection -> new ProjectRepository(connection).search(request.query().get("q"), request.query().get("order")),
        (connection, rows) -> json(new ProjectRepository(connection), rows, request.urls()));
  }

  /** By id, or by link name where the parameter is not a number. */
  public ApiResponse detail(ApiRequest request) {
    String key = request.param(0);
    ProjectJson project = db.read(connection -> {
      ProjectRepository projects = new ProjectRepository(connection);
      ProjectRow row = projects.byIdOrLinkName(key).orElseThrow(ApiException::notFound);
      return json(projects, List.of(row), request.urls()).get(0);
    });
    return ApiResponse.json(200, Json.write(project, request.urls()), Map.of());
  }

  /** {@code PUT} or {@code PATCH /projects/<id or linkname>/}: 404, then 403 unless a maintainer, then 400. */
  public ApiResponse update(ApiRequest request) {
    String key = request.param(0);
    ProjectJson project = db.write(connection -> {
      ProjectRepository projects = new ProjectRepository(connection);
      ProjectRow row = projects.byIdOrLinkName(key).orElseThrow(ApiException::notFound);
      ApiUser user = request.requireUser();
      if (!new UserRepository(connection).maintains(user.id(), row.id())) {
        throw ApiException.forbidden();
      }
      projects.edit(row.id(), ProjectUpdate.parse(request.bodyTree()));
      ProjectRow edited = projects.byIdOrLinkName(Long.toString(row.id())).orElseThrow();
      return json(projects, List.of(edited), request.urls()).get(0);
    });
    return ApiResponse.json(200, Json.write(project, request.urls()), Map.of());
  }

  private static List<ProjectJson> json(ProjectRepository projects, List<ProjectRow> rows, Urls urls)
      throws java.sql.SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<UserRow>> maintainers = projects.maintainers(rows.stream().map(ProjectRow::id).toList());
    List<ProjectJson> out = new ArrayList<>();
    for (ProjectRow row : rows) {
      EmbeddedProject p = EmbeddedProject.of(row, urls);
      List<EmbeddedUser> users = maintainers.getOrDefault(row.id(), List.of()).stream()
          .map(u -> EmbeddedUser.of(u, urls)).toList();
      out.add(new ProjectJson(
          p.id(), p.url(), p.name(), p.linkName(), p.listId(), p.listEmail(), p.webUrl(), p.scmUrl(),
          p.webscmUrl(), users, row.subjectMatch(), p.listArchiveUrl(), p.listArchiveUrlFormat(),
          p.commitUrlFormat(), row.showDependencies()));
    }
    return out;
  }
}
