package org.patchpipe.parser;

/**
 * Counts of Patchwork's default tags in one text (R9): lines starting {@code Acked-by:},
 * {@code Reviewed-by:}, {@code Tested-by:}, case-insensitive. Sums across a patch and its comments
 * with {@link #plus(Tags)}.
 */
public record Tags(int acked, int reviewed, int tested) {
  public static final Tags NONE = new Tags(0, 0, 0);

  public Tags plus(Tags other) {
    return new Tags(acked + other.acked, reviewed + other.reviewed, tested + other.tested);
  }
}
