package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.PercentCoding;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchQueries.PatchFilter;
import org.patchpipe.store.db.PatchQueries.PatchRow;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.ProjectRow;
import org.patchpipe.store.db.StateRepository;
import org.patchpipe.store.db.StateRepository.State;

/**
 * {@code GET /project/<linkname>/list/}: a project's patches as Patchwork's list shows them by
 * default: those in an action-required state and not archived, newest first (Patchwork's
 * {@code Order} default, {@code -date}), {@value #PER_PAGE} a page ({@code DEFAULT_ITEMS_PER_PAGE})
 * chosen by {@code ?page=}. An unknown link name is 404. The filters' query parameters are not
 * read yet: every request gets the default filter.
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
    PatchListView view = db.read(c -> read(c, linkName, request.query().first("page")));
    return templates.page(request, 200, "list.jte", view);
  }

  private static PatchListView read(Connection c, String linkName, String page) throws SQLException {
    ProjectRow project = new ProjectRepository(c).byLinkName(linkName).orElseThrow(ApiException::notFound);
    Map<String, String> stateNames = new HashMap<>();
    List<String> actionRequired = new ArrayList<>();
    for (State state : new StateRepository(c).all()) {
      stateNames.put(state.slug(), state.name());
      if (state.actionRequired()) {
        actionRequired.add(Long.toString(state.id()));
      }
    }
    PatchFilter filter = new PatchFilter(List.of(Long.toString(project.id())), List.of(), List.of(), List.of(),
        actionRequired, "false", null, null, null, null, null);
    ListQuery.Page<PatchRow> rows = new PatchQueries(c).list(filter, "-date").page(c,
        count -> new ListQuery.PageChoice.Window(PER_PAGE, PageNav.of(page, count, PER_PAGE).offset()));
    PageNav nav = PageNav.of(page, rows.count(), PER_PAGE);
    List<PatchLine> lines = new ArrayList<>();
    for (PatchRow row : rows.rows()) {
      lines.add(line(project.linkName(), row, stateNames));
    }
    return new PatchListView(project.name(), project.linkName(), lines, nav);
  }

  private static PatchLine line(String linkName, PatchRow row, Map<String, String> stateNames) {
    String submitter = row.submitter().name() == null || row.submitter().name().isBlank()
        ? row.submitter().email() : row.submitter().name();
    String delegate = row.delegate() == null ? "" : row.delegate().username();
    return new PatchLine(row.name(),
        "/project/" + linkName + "/patch/" + PercentCoding.msgidPath(row.msgid()) + "/",
        submitter, row.date().toLocalDate().toString(), delegate,
        stateNames.getOrDefault(row.state(), row.state()));
  }
}
