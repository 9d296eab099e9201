package org.patchpipe.parser.series;

/**
 * One event Patchwork records while parsing (R11.10), for the store to write to its event table.
 * Immutable.
 *
 * @param category Patchwork's event category
 * @param id the patch, cover letter, series or comment it is about, by the {@link SeriesState} id
 *     (for comments: the parent's id, as comments have no id across this boundary)
 */
public record SeriesEvent(Category category, long id) {

  /** Patchwork's event categories raised at parse time; {@link #wireName()} is its spelling. */
  public enum Category {
    PATCH_CREATED,
    COVER_CREATED,
    SERIES_CREATED,
    PATCH_COMMENT_CREATED,
    COVER_COMMENT_CREATED,
    SERIES_COMPLETED,
    PATCH_COMPLETED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
