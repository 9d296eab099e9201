package org.patchpipe.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.patchpipe.ingest.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (a service manager stopping us) and SIGINT (Ctrl-C) as a request to stop after the batch
 * in hand, shared by {@code replay}, {@code store}, {@code daemon} and {@code run}. The JVM's own
 * handler for these signals starts its shutdown, which ends the process with status 143 or 130
 * whatever the command would have returned; this one only records the request and runs the actions
 * registered with {@link #onRequest}, so the command's work loop commits what it holds, the command
 * closes its resources on its own thread and returns normally, and picocli exits with the command's
 * status. A second signal, or a stop that takes longer than the grace period, quits as the JVM's
 * handler would: a stuck stop can always be ended. {@link #close()} gives the signals back.
 */
final class GracefulStop implements StopRequest, AutoCloseable {
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final Duration grace;
  private final PrintWriter err;
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
  private final AtomicReference<String> signal = new AtomicReference<>();
  private final CountDownLatch requested = new CountDownLatch(1);
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  private GracefulStop(Duration grace, PrintWriter err) {
    this.grace = grace;
    this.err = err;
  }

  /** Takes over SIGTERM and SIGINT until {@link #close()}; a stop longer than {@code grace} is ended. */
  static GracefulStop install(Duration grace, PrintWriter err) {
    GracefulStop stop = new GracefulStop(grace, err);
    for (String name : SIGNALS) {
      Signal sig = new Signal(name);
      stop.previous.put(sig, Signal.handle(sig, stop::signalled));
    }
    return stop;
  }

  /** True once SIGTERM or SIGINT has arrived. */
  @Override
  public boolean requested() {
    return requested.getCount() == 0;
  }

  /** Waits up to {@code timeout} for a stop request; true if one arrived. */
  boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Runs {@code action} when the stop is requested (at once if it already was), on the signal's
   * thread: it should only ask the work loop to stop, never wait for it.
   */
  void onRequest(Runnable action) {
    actions.add(action);
    if (requested()) {
      action.run();
    }
  }

  /** The summary line of a stopped command, e.g. {@code stopped by SIGTERM after 40 messages; run again to resume}. */
  String summary(String done) {
    return "stopped by SIG" + signal.get() + " after " + done + "; run again to resume";
  }

  private void signalled(Signal sig) {
    if (!signal.compareAndSet(null, sig.getName())) {
      quitNow(sig); // a second signal: the user does not want to wait
      return;
    }
    err.println("patchpipe: SIG" + sig.getName() + ": finishing the batch in hand (send it again to quit now)");
    err.flush();
    requested.countDown();
    actions.forEach(Runnable::run);
    Thread deadline = new Thread(() -> {
      try {
        if (!closed.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          err.println("patchpipe: did not stop within " + grace.toSeconds() + " s; quitting now");
          err.flush();
          quitNow(sig);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "patchpipe-stop-deadline");
    deadline.setDaemon(true);
    deadline.start();
  }

  /** What the JVM's own handler does: run the shutdown hooks and exit 128 + the signal's number. */
  private static void quitNow(Signal sig) {
    System.exit(128 + sig.getNumber());
  }

  /** Gives SIGTERM and SIGINT back to the JVM and cancels the grace deadline. */
  @Override
  public void close() {
    closed.countDown();
    previous.forEach(Signal::handle);
  }
}
