package org.patchpipe.store.db;

import java.sql.SQLException;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.patchpipe.parser.series.SeriesState.Series;

/**
 * The completion events Patchwork raises when a patch joins a series (R11.10, signals
 * {@code create_patch_completed_event} then {@code create_series_completed_event}): patch-completed
 * when every lower number is present, then for each consecutive higher number already present;
 * series-completed when the series' received total reaches its total. Immutable.
 *
 * @param series the series before the patch joined
 * @param numbersBefore the numbers of its patches before the patch joined, ascending
 * @param number the joining patch's number
 */
record Completion(Series series, List<Integer> numbersBefore, int number) {
  Completion {
    numbersBefore = List.copyOf(numbersBefore);
  }

  /** Writes the events; {@code patchOfNumber} gives the series' patch id for a number of {@code numbersBefore}. */
  void record(IntToLongFunction patchOfNumber, EventLog events, long patchId) throws SQLException {
    long predecessors = numbersBefore.stream().filter(n -> n < number).count();
    if (predecessors == number - 1) {
      events.patchCompleted(series.projectId(), patchId, series.id());
      int next = number + 1;
      for (int n : numbersBefore) {
        if (n <= number) {
          continue;
        }
        if (n != next) {
          break;
        }
        events.patchCompleted(series.projectId(), patchOfNumber.applyAsLong(n), series.id());
        next++;
      }
    }
    if (numbersBefore.size() + 1 >= series.total()) {
      events.seriesCompleted(series.projectId(), series.id());
    }
  }
}
