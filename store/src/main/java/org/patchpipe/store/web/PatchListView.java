package org.patchpipe.store.web;

import java.util.List;

/**
 * What a project's patch list shows: one page of its patches under the list's filter. Immutable.
 *
 * @param projectName the project's display name
 * @param linkName the project's link name, as in its URLs
 * @param patches the page's rows, in the list's order
 * @param nav where the page is in the list
 */
public record PatchListView(String projectName, String linkName, List<PatchLine> patches, PageNav nav) {
  public PatchListView {
    patches = List.copyOf(patches);
  }

  /** Patchwork's path of a project's patch list. */
  public static String listPath(String linkName) {
    return "/project/" + linkName + "/list/";
  }
}
