package org.patchpipe.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FolderFollowerContract} against Debian's Dovecot, started by the test as a child process;
 * skipped where {@code dovecot} is not installed ({@code apt-get install dovecot-imapd}).
 */
class DovecotFollowerIT extends FolderFollowerContract {
  @BeforeAll
  static void needsDovecot() {
    assumeTrue(DovecotServer.binary().isPresent(), "dovecot is not installed: apt-get install -y dovecot-imapd");
  }

  @Override
  TestImapServer startServer(Path dir, boolean idle) throws Exception {
    return new DovecotServer(dir, idle);
  }

  @Test
  void serverWithoutIdleIsPolled() throws Exception {
    try (DovecotServer noIdle = new DovecotServer(temp.resolve("no-idle"), false)) {
      noIdle.createFolder(FOLDER);
      server.close();
      server = noIdle;
      try (TcpProxy direct = new TcpProxy(noIdle::port)) {
        proxy.close();
        proxy = direct;
        FolderFollower f = follow(FAST.withPolling(true, Duration.ofMillis(200)));
        await("the follower waits", () -> f.health().state() == FolderHealth.State.WAITING);
        assertFalse(f.health().usesIdle(), "no IDLE in the capabilities: poll");
        noIdle.append(FOLDER, TestMails.mails("noidle", 1, 2, 3));
        sink.awaitPublished(2, 10_000);
      }
    }
  }
}
