package org.patchpipe.ingest.imap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MessageIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one IMAP folder for as long as the daemon runs: catches up on everything after the
 * committed position, then waits (IDLE or polling) and publishes new mail as it arrives, each batch
 * with its new position in one transaction of the {@link ImapSink}. A dropped connection, a server
 * restart or a timeout leads to a reconnect after an exponential backoff with jitter, resuming from
 * the last committed position, so mail appended meanwhile is picked up and nothing is published
 * twice.
 *
 * <p>A changed UIDVALIDITY invalidates every UID known: the folder is re-scanned from UID 1, and
 * each message whose Message-ID the sink already holds for this source is skipped. Until the
 * re-scan has caught up, the committed position keeps the OLD UIDVALIDITY, so a daemon killed
 * mid-re-scan re-scans again on restart, and then skips what the interrupted re-scan published too
 * (it is in the raw topic by then). Messages are recognised by {@link MessageIds}, the reading that
 * keyed them when they were published, so mail whose Message-ID is encoded, over-long or missing
 * (it has a synthetic one) is recognised too.
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} and {@link #health()} may be called from any
 * thread. A failure that reconnecting cannot fix (a refused login, a missing folder, a fenced
 * publisher) ends {@code run()} with the state {@code FAILED} and {@link #failure()} set.
 */
public final class FolderFollower implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FolderFollower.class);

  private final FolderSubscription subscription;
  private final ImapSettings settings;
  private final ImapSink sink;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final Backoff backoff;
  private final FolderStats stats;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile ImapSource current;
  private volatile ImapException failure;

  public FolderFollower(
      FolderSubscription subscription, ImapSettings settings, ImapSink sink,
      ScheduledExecutorService timer, Clock clock, RandomGenerator random) {
    this.subscription = subscription;
    this.settings = settings;
    this.sink = sink;
    this.timer = timer;
    this.clock = clock;
    this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax(), random);
    this.stats = new FolderStats(subscription.sourceId());
  }

  public FolderSubscription subscription() {
    return subscription;
  }

  /** The counters as of now. */
  public FolderHealth health() {
    return stats.snapshot();
  }

  /** The failure that ended {@link #run()}, if one did. */
  public Optional<ImapException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Asks {@link #run()} to return: a batch already fetched is still published and committed, an
   * IDLE or a backoff wait ends at once. Returns immediately; join the thread to wait.
   */
  public void stop() {
    stopping = true;
    stopSignal.countDown();
    ImapSource source = current;
    if (source != null) source.wakeUp();
  }

  @Override
  public void run() {
    boolean first = true;
    while (!stopping) {
      if (!first) stats.reconnect();
      first = false;
      stats.state(FolderHealth.State.CONNECTING);
      try (ImapSource source = ImapSource.open(subscription.server(), subscription.folder(), settings, timer)) {
        current = source;
        if (stopping) break;
        stats.connected(source.usesIdle(), source.uidValidity());
        follow(source);
      } catch (ImapException e) {
        if (!e.retriable()) {
          failure = e;
          stats.error(e.getMessage());
          stats.state(FolderHealth.State.FAILED);
          log.error("{}: giving up: {}", subscription.sourceId(), e.getMessage());
          return;
        }
        stats.error(e.getMessage());
        log.warn("{}: {}; reconnecting", subscription.sourceId(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        // A bug, not a network problem: retrying would repeat it forever, so stop loudly.
        failure = new ImapException("unexpected failure following " + subscription.sourceId() + ": " + e, false, e);
        stats.error(failure.getMessage());
        stats.state(FolderHealth.State.FAILED);
        log.error("{}: giving up", subscription.sourceId(), e);
        return;
      } finally {
        current = null;
      }
      if (stopping) break;
      stats.state(FolderHealth.State.BACKING_OFF);
      try {
        stopSignal.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stats.state(FolderHealth.State.STOPPED);
  }

  /** Catches up, then waits for mail, until stopped or the connection fails. */
  private void follow(ImapSource source) throws ImapException, InterruptedException {
    Optional<Position.ImapUid> committed = sink.committedPosition(subscription);
    long afterUid = 0;
    Rescan rescan = null;
    if (committed.isPresent()) {
      stats.committed(committed.get().uid());
      if (committed.get().uidValidity() == source.uidValidity()) {
        afterUid = committed.get().uid();
      } else {
        log.warn("{}: UIDVALIDITY changed from {} to {}; re-scanning the folder, skipping mail already published",
            subscription.sourceId(), committed.get().uidValidity(), source.uidValidity());
        rescan = new Rescan(committed.get(), new HashSet<>(sink.publishedMessageIds(subscription)));
      }
    }
    while (!stopping) {
      stats.state(FolderHealth.State.CATCHING_UP);
      List<ImapSource.Pending> pending = source.pendingAfter(afterUid);
      stats.lag(pending.size());
      if (rescan != null && rescan.untilUid < 0) {
        rescan.untilUid = pending.isEmpty() ? afterUid : pending.get(pending.size() - 1).uid();
      }
      int from = 0;
      while (from < pending.size() && !stopping) {
        int to = batchEnd(pending, from);
        List<ImapSource.Pending> chunk = pending.subList(from, to);
        long lastUid = chunk.get(chunk.size() - 1).uid();
        List<SourcedMessage> messages = source.fetch(chunk);
        log.debug("{}: fetched {} messages up to UID {}", subscription.sourceId(), messages.size(), lastUid);
        rescan = publish(source, messages, lastUid, rescan);
        afterUid = lastUid;
        from = to;
        backoff.reset();
      }
      if (rescan != null && afterUid >= rescan.untilUid) rescan = publish(source, List.of(), afterUid, rescan);
      if (stopping) break;
      if (from == pending.size()) {
        backoff.reset();
        stats.state(FolderHealth.State.WAITING);
        source.awaitNewMail();
        log.debug("{}: woken", subscription.sourceId());
      }
    }
  }

  /** Publishes one batch; returns the re-scan state after it (null once caught up). */
  private Rescan publish(ImapSource source, List<SourcedMessage> messages, long lastUid, Rescan rescan)
      throws ImapException, InterruptedException {
    Position.ImapUid reached = new Position.ImapUid(subscription.folder(), source.uidValidity(), lastUid);
    if (rescan == null) {
      sink.publish(subscription, messages, reached);
      log.debug("{}: committed {} messages up to UID {}", subscription.sourceId(), messages.size(), lastUid);
      stats.published(messages.size(), lastUid, clock.instant());
      return null;
    }
    List<SourcedMessage> fresh = new ArrayList<>();
    for (SourcedMessage m : messages) {
      if (!rescan.published.add(MessageIds.of(m.raw()))) continue;
      fresh.add(m);
    }
    stats.duplicates(messages.size() - fresh.size());
    boolean caughtUp = lastUid >= rescan.untilUid;
    // Until caught up, commit the old position: a restart then re-scans and skips what we publish.
    Position.ImapUid position = caughtUp ? reached : rescan.oldPosition;
    if (fresh.isEmpty() && !caughtUp) return rescan;
    sink.publish(subscription, fresh, position);
    stats.published(fresh.size(), position.uid(), clock.instant());
    if (caughtUp) {
      log.info("{}: re-scan done at UID {}", subscription.sourceId(), lastUid);
      return null;
    }
    return rescan;
  }

  private int batchEnd(List<ImapSource.Pending> pending, int from) {
    long bytes = 0;
    int to = from;
    while (to < pending.size() && to - from < settings.batchMessages()) {
      bytes += pending.get(to).sizeBytes();
      if (to > from && bytes > settings.batchBytes()) break;
      to++;
    }
    return to;
  }

  /** A re-scan after a UIDVALIDITY change: what was published, and how far it must go. */
  private static final class Rescan {
    final Position.ImapUid oldPosition;
    final Set<String> published;
    long untilUid = -1;

    Rescan(Position.ImapUid oldPosition, Set<String> published) {
      this.oldPosition = oldPosition;
      this.published = published;
    }
  }
}
