package org.patchpipe.store.web;

import java.util.List;
import org.patchpipe.store.db.ProjectRepository.Triage;

/**
 * What the front page shows: every project with its count of patches needing action. Immutable.
 *
 * @param projects the projects, in Patchwork's order (by name)
 */
public record ProjectIndexView(List<Triage> projects) {
  public ProjectIndexView {
    projects = List.copyOf(projects);
  }

  /** The link to a project's patch list. */
  public static String listHref(Triage project) {
    return PatchListView.listPath(project.linkName());
  }
}
