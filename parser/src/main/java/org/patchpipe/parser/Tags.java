package org.patchpipe.parser;

import java.util.ArrayList;
import java.util.List;

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
    int acked = 0;
    int reviewed = 0;
    int tested = 0;
    for (String line : lines(content)) {
      switch (kindOf(line)) {
        case 'a' -> acked++;
        case 'r' -> reviewed++;
        default -> tested++;
      }
    }
    return acked + reviewed + tested == 0 ? NONE : new Tags(acked, reviewed, tested);
  }

  /** The tag lines {@link #count} counts, as written, in order: what a page shows of a reply. */
  public static List<String> lines(String content) {
    List<String> lines = new ArrayList<>();
    if (content == null || content.isEmpty()) {
      return lines;
    }
    int start = 0;
    int n = content.length();
    while (start < n) {
      int nl = content.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      if (kindOf(content, start) != 0) {
        lines.add(content.substring(start, end).strip());
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return lines;
  }

  private static char kindOf(String line) {
    return kindOf(line, 0);
  }

  /** 'a', 'r' or 't' where the text at {@code start} opens one of the tags, else 0. */
  private static char kindOf(String content, int start) {
    if (content.regionMatches(true, start, "Acked-by:", 0, 9)) {
      return 'a';
    } else if (content.regionMatches(true, start, "Reviewed-by:", 0, 12)) {
      return 'r';
    } else if (content.regionMatches(true, start, "Tested-by:", 0, 10)) {
      return 't';
    }
    return 0;
  }

  public Tags plus(Tags other) {
    return new Tags(acked + other.acked, reviewed + other.reviewed, tested + other.tested);
  }
}
