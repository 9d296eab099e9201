package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.PercentCoding;
import org.patchpipe.store.api.QueryString;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchQueries.PatchRow;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.ProjectRow;
import org.patchpipe.store.db.SeriesRepository;
import org.patchpipe.store.db.SeriesRepository.SeriesRow;

/**
 * {@code GET /project/<linkname>/list/}: a project's patches under Patchwork's list filters
 * ({@link ListFilters}; by default those needing action and not archived) in Patchwork's
 * {@link ListOrder} (newest first by default), {@value #PER_PAGE} a page
 * ({@code DEFAULT_ITEMS_PER_PAGE}) chosen by {@code ?page=}. With {@code ?series=N} it is the
 * series view, the API's series {@code web_url}: a heading for the series above its patches. An
 * unknown link name is 404; a series of another project or none is simply no filter, as Patchwork.
 */
public final class PatchListPage {
  static final int PER_PAGE = 100;

  private final ApiDatabase db;
  private final Templates templates;

  public PatchListPage(ApiDatabase db, Templates templates) {
    this.db = db;
    this.templates = templates;
  }

  public ApiResponse handle(ApiRequest request) {
    String linkName = request.param(0);
    PatchListView view = db.read(c -> read(c, linkName, request.query()));
    return templates.page(request, 200, "list.jte", view);
  }

  private static PatchListView read(Connection c, String linkName, QueryString query) throws SQLException {
    ProjectRow project = new ProjectRepository(c).byLinkName(linkName).orElseThrow(ApiException::notFound);
    ListFilters filters = ListFilters.of(query);
    SeriesHeading heading = null;
    if (filters.series() != null) {
      SeriesRow series = new SeriesRepository(c).find(Long.parseLong(filters.series())).orElse(null);
      if (series == null || series.project().id() != project.id()) {
        filters = ListFilters.of(query.with("series", null));
      } else {
        heading = heading(series);
      }
    }
    ListOrder order = ListOrder.parse(query.first("order"));
    PatchLines lines = new PatchLines(c);
    String page = query.first("page");
    ListQuery.Page<PatchRow> rows = new PatchQueries(c)
        .siteList(filters.siteFilter(project.id(), lines.actionRequired()), order.sqlTerms())
        .page(c, count -> new ListQuery.PageChoice.Window(PER_PAGE, PageNav.of(page, count, PER_PAGE).offset()));
    PageNav nav = PageNav.of(page, rows.count(), PER_PAGE);
    return new PatchListView(project.name(), project.linkName(), filters, order, lines.states(), heading,
        lines.of(rows.rows()), nav);
  }

  private static SeriesHeading heading(SeriesRow s) {
    String submitter = s.submitter().name() == null || s.submitter().name().isBlank()
        ? s.submitter().email() : s.submitter().name();
    String coverName = s.coverLetter() == null ? "" : s.coverLetter().name();
    String coverHref = s.coverLetter() == null ? ""
        : "/project/" + s.project().linkName() + "/cover/" + PercentCoding.msgidPath(s.coverLetter().msgid()) + "/";
    return new SeriesHeading(s.id(), PatchLines.seriesName(s.name(), s.id()), s.version(), s.total(), submitter,
        coverName, coverHref, "/series/" + s.id() + "/mbox/");
  }
}
