package org.patchpipe.store.web;

import java.util.List;

/**
 * Everything the patch page shows (Patchwork's {@code patch-detail}, and more): the patch's mail,
 * its state, its diff by file, the replies in order, the checks, downloads and commands to apply
 * it, its neighbours in the series and its other revisions with an interdiff. Immutable.
 *
 * @param id the patch's id (the live updates' filter, the git-pw commands)
 * @param mail the patch's own mail; its content is the commit message
 * @param files the diff, a section per file
 * @param comments the replies in date order
 * @param series the series' name and its list view, null when the patch has none
 * @param previous the patch before this one in the series, null if none
 * @param next the patch after this one in the series, null if none
 * @param revisions the patch's other revisions (the API's {@code related}), oldest first
 * @param interdiff the interdiff asked for with {@code ?interdiff=ID}, null when none was
 */
public record PatchPageView(long id, String name, String projectName, String linkName, String state, String delegate,
    boolean archived, String commitRef, String pullUrl, String hash, MailView mail, List<DiffSections.File> files,
    List<MailView> comments, List<CheckLine> checks, Downloads downloads, List<String> commands,
    PageLink series, PageLink previous, PageLink next, List<Revision> revisions, InterdiffView interdiff) {

  public PatchPageView {
    files = List.copyOf(files);
    comments = List.copyOf(comments);
    checks = List.copyOf(checks);
    commands = List.copyOf(commands);
    revisions = List.copyOf(revisions);
  }

  /** Where to download the patch: its mbox, its diff alone and, in a series, with its dependencies and the whole series. */
  public record Downloads(String mbox, String raw, String withDependencies, String series) {}

  /** Another revision of the patch: its page and the link showing the interdiff against it. */
  public record Revision(PageLink page, String interdiffHref) {}

  /**
   * An interdiff against another revision.
   *
   * @param against the other revision
   * @param files the diff of diffs, as sections; empty with {@code note} when none is shown
   * @param note why there is nothing to show ("the same diff", "too large"), else empty
   */
  public record InterdiffView(PageLink against, List<DiffSections.File> files, String note) {
    public InterdiffView {
      files = List.copyOf(files);
    }
  }

  public String listHref() {
    return PatchListView.listPath(linkName);
  }

  public int added() {
    return files.stream().mapToInt(DiffSections.File::added).sum();
  }

  public int removed() {
    return files.stream().mapToInt(DiffSections.File::removed).sum();
  }
}
