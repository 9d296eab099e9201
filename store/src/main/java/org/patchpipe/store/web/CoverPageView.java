package org.patchpipe.store.web;

import java.util.List;

/**
 * Everything the cover page shows (Patchwork's {@code cover-detail}): the cover letter's mail, its
 * series and that series' patches, the replies and the downloads. Immutable.
 *
 * @param series the series' name and list view, null when the cover has none
 * @param patches the series' patches in number order, empty without a series
 * @param seriesMbox the series' mbox, empty without a series
 */
public record CoverPageView(long id, String name, String projectName, String linkName, MailView mail,
    PageLink series, List<PageLink> patches, List<MailView> comments, String mbox, String seriesMbox,
    List<String> commands) {
  public CoverPageView {
    patches = List.copyOf(patches);
    comments = List.copyOf(comments);
    commands = List.copyOf(commands);
  }

  public String listHref() {
    return PatchListView.listPath(linkName);
  }
}
