package org.patchpipe.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.patchpipe.commits.CommitMatchException;
import org.patchpipe.commits.LinkRevisions;
import org.patchpipe.store.db.RevisionRepository;
import org.patchpipe.store.runtime.StoreRuntime;

/**
 * Links revisions as series complete, without {@code revisions link}: a background thread that
 * reads the {@code series-completed} events stored since it last looked and runs {@link
 * LinkRevisions} (the command's rules: same submitter and name, higher version, and the project's
 * {@code supersede_revisions} choice with its events) for each project they belong to.
 *
 * <p>It is its own consumer of the event table rather than a step of the store's consumer
 * transaction because the linking rules live in the commits module, which depends on store and not
 * the other way round; so cli, which wires both, runs it beside {@code run} and {@code store}. It
 * keeps its cursor in memory: after a restart the first pass relinks every project with completed
 * series, which {@link LinkRevisions} makes harmless (series linked before are left as they are,
 * under a per-project advisory lock, so two stores never link twice). A failed pass is reported and
 * retried at the next tick, the cursor left where it was.
 */
final class RevisionFollower implements AutoCloseable {
  /** How often the follower looks for completed series. */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  private final StoreRuntime db;
  private final Duration interval;
  private final PrintWriter err;
  private final Thread thread;
  private long cursor;
  private int total;
  private volatile boolean stopped;

  RevisionFollower(StoreRuntime db, Duration interval, PrintWriter err) {
    this.db = db;
    this.interval = interval;
    this.err = err;
    this.thread = new Thread(this::loop, "patchpipe-revision-follower");
    thread.setDaemon(true);
  }

  /** Starts following in the background. */
  RevisionFollower start() {
    thread.start();
    return this;
  }

  /**
   * Links what has completed since the last pass, on the caller's thread.
   *
   * @return the number of series newly linked
   */
  synchronized int pass() throws SQLException {
    int linked = 0;
    try (Connection c = db.connect()) {
      RevisionRepository.Completions completions = new RevisionRepository(c).completedAfter(cursor);
      for (long project : completions.projects()) {
        linked += new LinkRevisions(c).run(Long.toString(project)).links().size();
      }
      cursor = completions.lastEventId();
      total += linked;
    } catch (CommitMatchException e) {
      throw new SQLException(e.getMessage(), e);
    }
    return linked;
  }

  /**
   * One pass now, for {@code run} once the replay is stored.
   *
   * @return the series linked so far by this follower, this pass included, or -1 if the pass failed
   */
  int catchUp() {
    try {
      pass();
      return total;
    } catch (SQLException | RuntimeException e) {
      err.println("patchpipe: revision linking failed: " + e.getMessage());
      return -1;
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        int linked = pass();
        if (linked > 0) {
          err.println("patchpipe: linked " + linked + " new revisions");
          err.flush();
        }
      } catch (SQLException | RuntimeException e) {
        err.println("patchpipe: revision linking failed, retrying: " + e.getMessage());
        err.flush();
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
