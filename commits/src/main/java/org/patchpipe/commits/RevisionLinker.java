package org.patchpipe.commits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which series is a new revision of which, within one project: for each series, in date
 * order, the most recent earlier series it replaces, found by (1) a shared {@code change-id:},
 * (2) a {@code Supersedes:} line naming one of its mails, (3) a reply into its thread by the same
 * submitter with a version at least as high and either a higher version or a shared title, or
 * (4) the same submitter and a shared title with a higher version, or the same version when every
 * title, or it says RESEND, and every tree prefix is the same (a resend; {@code [5.4]} and {@code [5.14]}
 * backports of one patch are not revisions). Where several earlier series fit, the closest wins: the
 * highest version below, then the most titles shared, then the latest.
 *
 * <pre>{@code
 * List<RevisionLink> links = new RevisionLinker().link(seriesOfOneProject);
 * }</pre>
 *
 * <p>Pure and deterministic: no database, no clock. Immutable and thread-safe. Never throws.
 */
public final class RevisionLinker {

  /** The links among {@code series} (one project's), at most one per series, oldest first. */
  public List<RevisionLink> link(Collection<SeriesRevision> series) {
    List<SeriesRevision> ordered = new ArrayList<>(series);
    ordered.sort(Comparator.comparing(SeriesRevision::date).thenComparingLong(SeriesRevision::id));
    Map<String, SeriesRevision> byMsgid = new HashMap<>();
    Map<String, List<SeriesRevision>> bySubmitter = new HashMap<>();
    Map<String, SeriesRevision> byChangeId = new HashMap<>();
    List<RevisionLink> links = new ArrayList<>();
    for (SeriesRevision s : ordered) {
      List<SeriesRevision> mine = bySubmitter.getOrDefault(s.submitter(), List.of());
      previous(s, mine, byMsgid, byChangeId).ifPresent(links::add);
      for (String msgid : s.msgids()) {
        byMsgid.putIfAbsent(msgid, s);
      }
      for (String changeId : s.changeIds()) {
        byChangeId.put(changeId, s);
      }
      bySubmitter.computeIfAbsent(s.submitter(), k -> new ArrayList<>()).add(s);
    }
    return links;
  }

  private static Optional<RevisionLink> previous(SeriesRevision s, List<SeriesRevision> earlierOfSubmitter,
      Map<String, SeriesRevision> byMsgid, Map<String, SeriesRevision> byChangeId) {
    for (String changeId : s.changeIds()) {
      SeriesRevision t = byChangeId.get(changeId);
      if (t != null) {
        return Optional.of(new RevisionLink(s.id(), t.id(), RevisionLink.Reason.CHANGE_ID));
      }
    }
    for (String msgid : s.supersedes()) {
      SeriesRevision t = byMsgid.get(msgid);
      if (t != null && t.id() != s.id()) {
        return Optional.of(new RevisionLink(s.id(), t.id(), RevisionLink.Reason.SUPERSEDES));
      }
    }
    List<SeriesRevision> threaded = new ArrayList<>();
    List<SeriesRevision> titled = new ArrayList<>();
    for (SeriesRevision t : earlierOfSubmitter) {
      int shared = shared(s.titles(), t.titles());
      if (repliesInto(s, t) && s.version() >= t.version() && (s.version() > t.version() || shared > 0)) {
        threaded.add(t);
      } else if (shared > 0 && (s.version() > t.version()
          || (s.version() == t.version() && (s.titles().equals(t.titles()) || s.resend())
              && s.topics().equals(t.topics())))) {
        titled.add(t);
      }
    }
    Comparator<SeriesRevision> closest = Comparator.comparingInt(SeriesRevision::version)
        .thenComparingInt((SeriesRevision t) -> shared(s.titles(), t.titles()))
        .thenComparing(SeriesRevision::date)
        .thenComparingLong(SeriesRevision::id);
    if (!threaded.isEmpty()) {
      SeriesRevision t = threaded.stream().max(closest).orElseThrow();
      return Optional.of(new RevisionLink(s.id(), t.id(), RevisionLink.Reason.THREAD));
    }
    return titled.stream().max(closest)
        .map(t -> new RevisionLink(s.id(), t.id(), RevisionLink.Reason.VERSION));
  }

  private static boolean repliesInto(SeriesRevision s, SeriesRevision t) {
    for (String ref : s.references()) {
      if (t.msgids().contains(ref)) {
        return true;
      }
    }
    return false;
  }

  private static int shared(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    both.remove("");
    return both.size();
  }
}
