package org.patchpipe.cli;

import java.io.PrintWriter;
import java.time.Duration;
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
  public void standingBy(String lock) {
    err.println("patchpipe store: standing by: another store holds " + lock + "; taking over when it stops");
    err.flush();
  }

  @Override
  public void tookOver(String lock, Duration waited) {
    err.println("patchpipe store: took over " + lock + " after standing by for " + waited.toMillis() + " ms");
    err.flush();
  }

  @Override
  public void consumerStopped(RuntimeException failure) {
    err.println("patchpipe store: the consumer stopped: " + failure.getMessage());
    err.flush();
  }
}
