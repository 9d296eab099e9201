package org.patchpipe.store.web;

import java.util.List;

/**
 * A list of bundles: the signed-in user's ({@code /user/bundles/}) or a project's public ones
 * ({@code /project/<linkname>/bundles/}). Immutable.
 *
 * @param title the page's heading
 * @param empty what to say when there is none
 * @param bundles the bundles, by name
 */
public record BundleListView(String title, String empty, List<Line> bundles) {
  public BundleListView {
    bundles = List.copyOf(bundles);
  }

  /**
   * One bundle of the list.
   *
   * @param name the bundle's name
   * @param href its page
   * @param owner the owner's username
   * @param projectName its project's name
   * @param listHref its project's patch list
   * @param isPublic whether everyone may see it
   * @param patches how many patches it holds
   * @param mboxHref its mbox
   */
  public record Line(String name, String href, String owner, String projectName, String listHref, boolean isPublic,
      int patches, String mboxHref) {}
}
