package org.patchpipe.cli;

import java.io.PrintWriter;
import org.patchpipe.store.consume.ConsumerStats;
import org.patchpipe.store.runtime.StoreServer;

/** How {@code run} and {@code store} show a running store: {@code patchpipe store:} lines on stderr. */
final class StoreProgressLog implements StoreServer.Listener {
  private final PrintWriter err;

  StoreProgressLog(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void progress(ConsumerStats stats) {
    err.println("patchpipe store: " + stats);
    err.flush();
  }

  @Override
  public void consumerStopped(RuntimeException failure) {
    err.println("patchpipe store: the consumer stopped: " + failure.getMessage());
    err.flush();
  }
}
