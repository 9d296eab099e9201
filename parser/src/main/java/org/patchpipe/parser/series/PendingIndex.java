package org.patchpipe.parser.series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.series.SeriesState.PendingReply;

/**
 * Replies waiting for their parent, found by any of their references (patchpipe's improvement on
 * R7.4). Mutable, not thread-safe.
 */
final class PendingIndex {
  private record Key(long projectId, String msgid) {}

  private final Map<Long, PendingReply> pending = new HashMap<>();
  private final Map<Key, List<Long>> byRef = new HashMap<>();

  void add(PendingReply reply) {
    pending.put(reply.id(), reply);
    for (String ref : reply.references()) {
      byRef.computeIfAbsent(new Key(reply.projectId(), ref), k -> new ArrayList<>()).add(reply.id());
    }
  }

  /** Removes and returns the replies listing {@code msgid} among their refs, in arrival order. */
  List<PendingReply> take(long projectId, String msgid) {
    List<Long> ids = byRef.remove(new Key(projectId, msgid));
    if (ids == null) {
      return List.of();
    }
    List<PendingReply> taken = new ArrayList<>();
    for (long id : ids) {
      PendingReply reply = pending.remove(id);
      if (reply != null) {
        taken.add(reply);
      }
    }
    taken.sort(Comparator.comparingLong(PendingReply::arrival));
    return taken;
  }

  List<PendingReply> all() {
    return pending.values().stream().sorted(Comparator.comparingLong(PendingReply::arrival)).toList();
  }
}
