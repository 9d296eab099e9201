package org.patchpipe.ingest.imap;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Follows several IMAP folders at once (one {@link FolderFollower} and one connection per folder,
 * possibly on several servers and for several lists) and publishes into one {@link ImapSink}.
 *
 * <pre>{@code
 * ImapDaemon daemon = ImapDaemon.start(folders, ImapSettings.DEFAULTS, sink, Clock.systemUTC(), new Random());
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.stop(Duration.ofSeconds(30))));
 * daemon.awaitTermination();
 * }</pre>
 *
 * <p>Thread-safe. {@link #stop(Duration)} lets each follower publish and commit the batch it holds,
 * then closes the connections; it is what SIGTERM should call.
 */
public final class ImapDaemon {
  private final List<FolderFollower> followers;
  private final List<Thread> threads;
  private final ScheduledExecutorService timer;

  private ImapDaemon(List<FolderFollower> followers, List<Thread> threads, ScheduledExecutorService timer) {
    this.followers = followers;
    this.threads = threads;
    this.timer = timer;
  }

  /** Starts one follower thread per folder and returns at once. */
  public static ImapDaemon start(
      List<FolderSubscription> folders, ImapSettings settings, ImapSink sink, Clock clock, RandomGenerator random) {
    if (folders.isEmpty()) throw new IllegalArgumentException("the IMAP daemon needs at least one folder");
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "imap-idle-renewal");
              t.setDaemon(true);
              return t;
            });
    List<FolderFollower> followers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (FolderSubscription folder : folders) {
      FolderFollower follower = new FolderFollower(folder, settings, sink, timer, clock, random);
      Thread thread = new Thread(follower, "imap " + folder.sourceId());
      followers.add(follower);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    return new ImapDaemon(List.copyOf(followers), List.copyOf(threads), timer);
  }

  /** Every folder's counters, in the order the folders were given. */
  public List<FolderHealth> health() {
    return followers.stream().map(FolderFollower::health).toList();
  }

  /** The first failure that made a follower give up, if any did. */
  public Optional<ImapException> failure() {
    return followers.stream().flatMap(f -> f.failure().stream()).findFirst();
  }

  /** True while at least one follower is still running. */
  public boolean running() {
    return threads.stream().anyMatch(Thread::isAlive);
  }

  /** Blocks until every follower has returned (after {@link #stop} or after failing). */
  public void awaitTermination() throws InterruptedException {
    for (Thread t : threads) t.join();
  }

  /**
   * Stops every follower, waits up to {@code timeout} for them to commit what they hold, and
   * returns true if all finished in time.
   */
  public boolean stop(Duration timeout) {
    followers.forEach(FolderFollower::stop);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (int i = 0; i < threads.size(); i++) {
        Thread t = threads.get(i);
        while (t.isAlive()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) return false;
          t.join(Math.min(200, Math.max(1, left / 1_000_000)));
          // A stop that raced with the start of an IDLE is repeated until the IDLE ends.
          if (t.isAlive()) followers.get(i).stop();
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      timer.shutdownNow();
    }
  }
}
