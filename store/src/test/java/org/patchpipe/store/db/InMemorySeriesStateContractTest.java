package org.patchpipe.store.db;

import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.SeriesState;

/** The contract on the working set alone, as {@code patchpipe parse} runs it: a restart keeps the memory. */
class InMemorySeriesStateContractTest extends SeriesStateContract {
  private final InMemorySeriesState state = new InMemorySeriesState();

  @Override
  SeriesState state() {
    return state;
  }

  @Override
  long project() {
    return 1;
  }

  @Override
  void restart() {}
}
