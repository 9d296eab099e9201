package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comments of one kind (on patches, or on cover letters) by project and msgid, for R1.5's
 * duplicate check and R7.4's parent search. R7.4's tie-break is written here and nowhere else.
 * Mutable, not thread-safe.
 */
final class CommentIndex {
  private record Key(long projectId, String msgid) {}

  private record Row(long parentId, LocalDateTime date, long id) {}

  private final Map<Key, List<Row>> rows = new HashMap<>();

  void add(long projectId, String msgid, long parentId, LocalDateTime date, long id) {
    rows.computeIfAbsent(new Key(projectId, msgid), k -> new ArrayList<>()).add(new Row(parentId, date, id));
  }

  /**
   * R7.4: the parent of the comment with this msgid; of several, the one with the latest date,
   * then the first written (Patchwork orders by {@code -date} and takes the first in database order).
   */
  Optional<Long> latestParent(long projectId, String msgid) {
    List<Row> found = rows.get(new Key(projectId, msgid));
    if (found == null) {
      return Optional.empty();
    }
    return found.stream()
        .max(Comparator.comparing(Row::date).thenComparing(row -> -row.id()))
        .map(Row::parentId);
  }

  /** R1.5: whether the parent already has a comment with this msgid. */
  boolean has(long projectId, String msgid, long parentId) {
    List<Row> found = rows.get(new Key(projectId, msgid));
    return found != null && found.stream().anyMatch(row -> row.parentId() == parentId);
  }
}
