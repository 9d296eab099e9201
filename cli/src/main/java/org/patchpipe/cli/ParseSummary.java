package org.patchpipe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.series.Placement;

/** The counts {@code patchpipe parse} prints on standard error at the end. Mutable, one per run. */
final class ParseSummary {
  final Map<String, Integer> kinds = new TreeMap<>();
  final List<String> unreadable = new ArrayList<>();
  long bytes;
  int late;
  int series;
  int awaiting;
  /** The project the mail was parsed for; null where no message was read. */
  Project project;
  /** Where {@link #project} came from, in words. */
  String projectSource;

  void count(String kind, Placement placement) {
    kinds.merge(kind, 1, Integer::sum);
    if (placement != null && placement.late()) {
      late++;
    }
  }

  void print(PrintWriter err, int messages, int inputs, double seconds) {
    err.printf(
        "parse: %d messages (%.1f MB) from %d input%s in %.1f s: %d patches, %d cover letters,"
            + " %d comments (%d attached once their parent arrived), %d other (%d still waiting"
            + " for a parent), %d errors; %d series%n",
        messages, bytes / 1e6, inputs, inputs == 1 ? "" : "s", seconds,
        kinds.getOrDefault("patch", 0), kinds.getOrDefault("cover", 0),
        kinds.getOrDefault("comment", 0), late, kinds.getOrDefault("other", 0), awaiting,
        kinds.getOrDefault("error", 0), series);
    if (project != null) {
      err.println("parse: project " + project.linkName() + " (list id " + project.listId() + ", "
          + projectSource + ")");
    }
    for (String failure : unreadable) {
      err.println("parse: could not read " + failure);
    }
    err.flush();
  }
}
