package org.patchpipe.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.patchpipe.ingest.imap.ImapAppender;
import org.patchpipe.ingest.imap.ImapException;
import org.patchpipe.ingest.imap.ImapServer;

/**
 * The soak's mailing list delivering into an IMAP folder: whole series APPENDed one after another,
 * paced to {@code mailsPerSecond}, over one connection that is reopened every few minutes (as a
 * mail server's deliveries come and go). The daemon's follower, not this class, publishes them.
 */
final class SoakImapFeed implements Runnable {
  private static final long RECONNECT_NANOS = 5 * 60_000_000_000L;

  private final ImapServer account;
  private final String folder;
  private final double mailsPerSecond;
  private final SoakMails mails;
  private final SoakTally expected;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopping;

  SoakImapFeed(ImapServer account, String folder, double mailsPerSecond, String listId, SoakTally expected) {
    this.account = account;
    this.folder = folder;
    this.mailsPerSecond = mailsPerSecond;
    this.mails = new SoakMails("imap", listId, 2);
    this.expected = expected;
  }

  /** Mails the server acknowledged so far. */
  long appended() {
    return appended.get();
  }

  Throwable failure() {
    return failure.get();
  }

  /** Ends the loop after the series in hand. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try {
      while (!stopping) {
        long opened = System.nanoTime();
        try (ImapAppender appender = ImapAppender.open(account)) {
          while (!stopping && System.nanoTime() - opened < RECONNECT_NANOS) {
            SoakMails.Batch series = mails.next(1, true);
            appender.append(folder, series.mails());
            appended.addAndGet(series.mails().size());
            expected.add(series);
            long due = start + (long) (appended.get() / mailsPerSecond * 1e9);
            while (!stopping && System.nanoTime() < due) {
              Thread.sleep(Math.max(1, Math.min(200, (due - System.nanoTime()) / 1_000_000)));
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ImapException | RuntimeException e) {
      failure.set(e);
    }
  }
}
