package org.patchpipe.ingest;

import java.util.List;

/**
 * The outcome of a whole replay: the final counters and, for each source that ended early (a
 * truncated gzip stream), why. Immutable.
 */
public record ReplaySummary(ReplayProgress totals, List<String> sourceFailures) {
  public ReplaySummary {
    sourceFailures = List.copyOf(sourceFailures);
  }

  /** Whether every message was published with an event and every source was read to its end. */
  public boolean clean() {
    return totals.deadLetters() == 0 && sourceFailures.isEmpty();
  }
}
