package org.patchpipe.store.web;

/**
 * One row of a patch list, as shown: every text field is from mail or the database, escaped by the
 * template; the links are built here. Counts are Patchwork's columns: Acked-by, Reviewed-by and
 * Tested-by tags, and the newest checks that succeeded, warned and failed. Immutable.
 *
 * @param id the patch's id (for the selection checkboxes of bulk actions)
 * @param name the patch's name (its subject, prefixes cleaned)
 * @param href the patch page's site-relative link
 * @param series the series' name ("Untitled series #N" where it has none), empty where no series
 * @param seriesHref the series view's link, empty where no series
 * @param acked Acked-by count
 * @param reviewed Reviewed-by count
 * @param tested Tested-by count
 * @param success checks that succeeded
 * @param warning checks that warned
 * @param fail checks that failed
 * @param date the day the patch was sent, {@code yyyy-mm-dd}
 * @param submitter the submitter's name, or the address where the mail gave none
 * @param submitterHref the list filtered by this submitter
 * @param delegate the delegate's username, empty where none
 * @param state the state's display name, e.g. {@code Under Review}
 */
public record PatchLine(long id, String name, String href, String series, String seriesHref, int acked,
    int reviewed, int tested, int success, int warning, int fail, String date, String submitter,
    String submitterHref, String delegate, String state) {

  /** A count as Patchwork's list shows it: the number, or {@code -} for none. */
  public static String count(int n) {
    return n == 0 ? "-" : Integer.toString(n);
  }
}
