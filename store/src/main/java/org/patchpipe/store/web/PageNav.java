package org.patchpipe.store.web;

/**
 * Where a paginated list is: page {@code page} of {@code pages}, over {@code count} rows, with
 * Django's paginator rules (a page past the end is the last one; a page that is not a number is
 * the first). Immutable.
 *
 * @param page the page shown, from 1
 * @param pages how many pages there are, at least 1
 * @param count how many rows match in all
 * @param perPage rows per page
 */
public record PageNav(int page, int pages, long count, int perPage) {
  /** The page of {@code requested} (a query value, or null) over {@code count} rows. */
  public static PageNav of(String requested, long count, int perPage) {
    int pages = (int) Math.max(1, (count + perPage - 1) / perPage);
    int page = 1;
    if (requested != null) {
      try {
        page = Math.max(1, Math.min(pages, Integer.parseInt(requested.strip())));
      } catch (NumberFormatException e) {
        page = 1;
      }
    }
    return new PageNav(page, pages, count, perPage);
  }

  /** The offset of the page's first row. */
  public long offset() {
    return (long) (page - 1) * perPage;
  }

  public boolean hasPrevious() {
    return page > 1;
  }

  public boolean hasNext() {
    return page < pages;
  }

  /** The query string of page {@code n}. */
  public static String href(int n) {
    return "?page=" + n;
  }
}
