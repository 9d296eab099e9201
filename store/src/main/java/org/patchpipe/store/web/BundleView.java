package org.patchpipe.store.web;

import java.util.List;

/**
 * What a bundle's page shows: the bundle, its owner and project, one page of its patches in the
 * bundle's order, and its mbox. Immutable.
 *
 * @param name the bundle's name
 * @param owner the owner's username
 * @param projectName the project's display name
 * @param listHref the project's patch list
 * @param isPublic whether everyone may see it
 * @param mboxHref the bundle's patches as one mbox
 * @param patches the page's rows
 * @param nav where the page is in the bundle
 */
public record BundleView(String name, String owner, String projectName, String listHref, boolean isPublic,
    String mboxHref, List<PatchLine> patches, PageNav nav) {
  public BundleView {
    patches = List.copyOf(patches);
  }
}
