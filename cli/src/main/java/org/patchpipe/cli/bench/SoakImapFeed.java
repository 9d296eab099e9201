package org.patchpipe.cli.bench;

import org.patchpipe.ingest.imap.ImapAppender;
import org.patchpipe.ingest.imap.ImapException;
import org.patchpipe.ingest.imap.ImapServer;

/**
 * The soak's mailing list delivering into an IMAP folder: whole series APPENDed one after another
 * over one connection that is reopened every few minutes (as a mail server's deliveries come and
 * go). {@link #handed()} counts mails the server acknowledged; the daemon's follower, not this
 * class, publishes them.
 */
final class SoakImapFeed extends SoakFeed {
  private static final long RECONNECT_NANOS = 5 * 60_000_000_000L;

  private final ImapServer account;
  private final String folder;
  private final SoakMails mails;
  private final SoakTally expected;

  SoakImapFeed(ImapServer account, String folder, double mailsPerSecond, String listId, SoakTally expected) {
    super(mailsPerSecond);
    this.account = account;
    this.folder = folder;
    this.mails = new SoakMails("imap", listId, 2);
    this.expected = expected;
  }

  @Override
  void feed() throws ImapException, InterruptedException {
    long start = System.nanoTime();
    while (!stopping()) {
      long opened = System.nanoTime();
      try (ImapAppender appender = ImapAppender.open(account)) {
        while (!stopping() && System.nanoTime() - opened < RECONNECT_NANOS) {
          SoakMails.Batch series = mails.next(1, true);
          appender.append(folder, series.mails());
          handed(handed() + series.mails().size());
          expected.add(series);
          pace(start, handed());
        }
      }
    }
  }
}
