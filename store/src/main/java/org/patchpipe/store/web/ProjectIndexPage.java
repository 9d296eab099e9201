package org.patchpipe.store.web;

import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.db.ProjectRepository;

/**
 * {@code GET /}: every project, each with its count of patches needing action and a link to its
 * patch list. Beyond Patchwork's index, which lists the projects only.
 */
public final class ProjectIndexPage {
  private final ApiDatabase db;
  private final Templates templates;

  public ProjectIndexPage(ApiDatabase db, Templates templates) {
    this.db = db;
    this.templates = templates;
  }

  public ApiResponse handle(ApiRequest request) {
    ProjectIndexView view = new ProjectIndexView(db.read(c -> new ProjectRepository(c).triage()));
    return templates.page(request, 200, "index.jte", view);
  }
}
