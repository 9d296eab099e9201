package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.BundleRepository;
import org.patchpipe.store.db.BundleRepository.BundleFilter;
import org.patchpipe.store.db.BundleRepository.BundleRow;
import org.patchpipe.store.db.InProject;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchQueries.PatchFilter;
import org.patchpipe.store.db.PatchQueries.PatchRow;
import org.patchpipe.store.db.PatchQueries.SiteFilter;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.ProjectRow;
import org.patchpipe.store.db.SubmissionRow;

/**
 * The bundle pages, under the one visibility rule of {@link BundleRepository} (public bundles for
 * everyone, private ones for their owner only; for others a bundle does not exist, 404):
 * {@code /bundle/<owner>/<name>/} (the bundle's {@code web_url}: its patches in the bundle's order,
 * {@value #PER_PAGE} a page, and its mbox), {@code /user/bundles/} (the signed-in user's bundles;
 * an anonymous visitor is sent to {@code /user/login/}, as Patchwork's {@code login_required}) and
 * {@code /project/<linkname>/bundles/} (a project's public bundles; beyond Patchwork).
 */
public final class BundlePages {
  static final int PER_PAGE = 100;
  /** More bundles than anyone keeps; the lists are not paged. */
  private static final int MAX_BUNDLES = 1000;

  private final ApiDatabase db;
  private final Templates templates;

  public BundlePages(ApiDatabase db, Templates templates) {
    this.db = db;
    this.templates = templates;
  }

  /** {@code GET /bundle/<owner>/<name>/}. */
  public ApiResponse bundle(ApiRequest request) {
    Viewer viewer = Viewer.of(request);
    Long viewerId = viewer.user().map(ApiUser::id).orElse(null);
    String page = request.query().first("page");
    BundleView view = db.read(c -> {
      BundleRow bundle = new BundleRepository(c).findVisible(request.param(0), request.param(1), viewerId)
          .orElseThrow(ApiException::notFound);
      PatchLines lines = new PatchLines(c);
      PatchFilter none = new PatchFilter(List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
          null, null, null);
      ListQuery.Page<PatchRow> rows = new PatchQueries(c).siteList(new SiteFilter(none, null, null, bundle.id()), null)
          .page(c, count -> new ListQuery.PageChoice.Window(PER_PAGE, PageNav.of(page, count, PER_PAGE).offset()));
      String path = Urls.bundlePath(bundle.owner().username(), bundle.name());
      return new BundleView(bundle.name(), bundle.owner().username(), bundle.project().name(),
          PatchListView.listPath(bundle.project().linkName()), bundle.isPublic(), path + "mbox/",
          lines.of(rows.rows()), PageNav.of(page, rows.count(), PER_PAGE));
    });
    return templates.page(viewer, 200, "bundle.jte", view);
  }

  /** {@code GET /user/bundles/}. */
  public ApiResponse mine(ApiRequest request) {
    Viewer viewer = Viewer.of(request);
    if (viewer.user().isEmpty()) {
      return ApiResponse.redirect("/user/login/?next=/user/bundles/");
    }
    ApiUser user = viewer.user().get();
    BundleFilter filter = new BundleFilter(List.of(), List.of(Long.toString(user.id())), null, null);
    BundleListView view = db.read(c -> new BundleListView("Your bundles", "You have no bundles yet.",
        lines(c, filter, user.id())));
    return templates.page(viewer, 200, "bundles.jte", view);
  }

  /** {@code GET /project/<linkname>/bundles/}. */
  public ApiResponse project(ApiRequest request) {
    Viewer viewer = Viewer.of(request);
    BundleListView view = db.read(c -> {
      ProjectRow project = new ProjectRepository(c).byLinkName(request.param(0)).orElseThrow(ApiException::notFound);
      BundleFilter filter = new BundleFilter(List.of(Long.toString(project.id())), List.of(), true, null);
      return new BundleListView("Public bundles of " + project.name(), "This project has no public bundles.",
          lines(c, filter, null));
    });
    return templates.page(viewer, 200, "bundles.jte", view);
  }

  private static List<BundleListView.Line> lines(Connection c, BundleFilter filter, Long viewerId)
      throws SQLException {
    BundleRepository bundles = new BundleRepository(c);
    List<BundleRow> rows = bundles.list(filter, viewerId, "name")
        .page(c, count -> new ListQuery.PageChoice.Window(MAX_BUNDLES, 0)).rows();
    Map<Long, List<InProject<SubmissionRow>>> patches = rows.isEmpty() ? Map.of()
        : bundles.patches(rows.stream().map(BundleRow::id).toList());
    List<BundleListView.Line> lines = new ArrayList<>();
    for (BundleRow row : rows) {
      String path = Urls.bundlePath(row.owner().username(), row.name());
      lines.add(new BundleListView.Line(row.name(), path, row.owner().username(), row.project().name(),
          PatchListView.listPath(row.project().linkName()), row.isPublic(),
          patches.getOrDefault(row.id(), List.of()).size(), path + "mbox/"));
    }
    return lines;
  }
}
