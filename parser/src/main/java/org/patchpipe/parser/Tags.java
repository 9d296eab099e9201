package org.patchpipe.parser;

/**
 * Counts of Patchwork's default tags in one text (R9): lines starting {@code Acked-by:},
 * {@code Reviewed-by:}, {@code Tested-by:}, case-insensitive. Sums across a patch and its comments
 * with {@link #plus(Tags)}.
 */
public record Tags(int acked, int reviewed, int tested) {
  public static final Tags NONE = new Tags(0, 0, 0);

  /**
   * Counts the tag lines of one text (R9.2): lines starting {@code Acked-by:}, {@code
   * Reviewed-by:} or {@code Tested-by:}, any case, at the very start of the line.
   */
  public static Tags count(String content) {
    if (content == null || content.isEmpty()) {
      return NONE;
    }
    int acked = 0;
    int reviewed = 0;
    int tested = 0;
    int start = 0;
    int n = content.length();
    while (start < n) {
      if (content.regionMatches(true, start, "Acked-by:", 0, 9)) {
        acked++;
      } else if (content.regionMatches(true, start, "Reviewed-by:", 0, 12)) {
        reviewed++;
      } else if (content.regionMatches(true, start, "Tested-by:", 0, 10)) {
        tested++;
      }
      int nl = content.indexOf('\n', start);
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return acked + reviewed + tested == 0 ? NONE : new Tags(acked, reviewed, tested);
  }

  public Tags plus(Tags other) {
    return new Tags(acked + other.acked, reviewed + other.reviewed, tested + other.tested);
  }
}
