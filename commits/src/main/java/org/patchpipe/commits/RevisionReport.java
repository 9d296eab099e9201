package org.patchpipe.commits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-text report of the revision links among one archive's series: how many series there
 * are, how many were linked to an earlier version and by which rule, and an evenly spread sample
 * of links with both series' names, submitters, versions and dates, for a person to check.
 *
 * <pre>{@code
 * String text = RevisionReport.of("openrisc", revisions, links, names, 20);
 * }</pre>
 *
 * <p>Stateless and thread-safe. Never throws for consistent input.
 */
public final class RevisionReport {
  private RevisionReport() {}

  /**
   * The report.
   *
   * @param title what the archive is called
   * @param revisions every series considered
   * @param links the links the linker made among them
   * @param names each series' display name (cover letter name, else first patch name)
   * @param sampleSize how many links to show
   */
  public static String of(String title, List<SeriesRevision> revisions, List<RevisionLink> links,
      Map<Long, String> names, int sampleSize) {
    Map<Long, SeriesRevision> byId = new java.util.HashMap<>();
    revisions.forEach(r -> byId.put(r.id(), r));
    Map<RevisionLink.Reason, Integer> byReason = new EnumMap<>(RevisionLink.Reason.class);
    links.forEach(l -> byReason.merge(l.reason(), 1, Integer::sum));
    StringBuilder out = new StringBuilder();
    out.append(title).append(": ").append(revisions.size()).append(" series, ").append(links.size())
        .append(" linked to an earlier version");
    List<String> parts = new ArrayList<>();
    byReason.forEach((reason, n) -> parts.add(reason.wireName() + " " + n));
    out.append(parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")").append('\n');
    List<RevisionLink> sample = sample(links, sampleSize);
    for (int i = 0; i < sample.size(); i++) {
      RevisionLink l = sample.get(i);
      SeriesRevision newer = byId.get(l.series());
      SeriesRevision older = byId.get(l.previous());
      out.append(String.format(java.util.Locale.ROOT, "%2d. [%s] series %d v%d %s <%s> %s%n"
              + "      replaces series %d v%d %s <%s> %s%n",
          i + 1, l.reason().wireName(), newer.id(), newer.version(), newer.date().toLocalDate(),
          newer.submitter(), names.get(newer.id()), older.id(), older.version(),
          older.date().toLocalDate(), older.submitter(), names.get(older.id())));
    }
    return out.toString();
  }

  /** {@code n} links spread evenly over the list (all of them if there are fewer). */
  static List<RevisionLink> sample(List<RevisionLink> links, int n) {
    if (links.size() <= n) {
      return links;
    }
    List<RevisionLink> picked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      picked.add(links.get((int) ((long) i * links.size() / n)));
    }
    return picked;
  }
}
