package org.patchpipe.ingest.imap;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Debian's Dovecot ({@code dovecot-imapd}) as the test's IMAP server: a {@link DovecotProcess}
 * child with a throwaway configuration under the test's temp dir.
 */
final class DovecotServer extends TestImapServer {
  private final DovecotProcess dovecot;

  static Optional<Path> binary() {
    return DovecotProcess.binary();
  }

  /** @param idle false to leave IDLE out of the advertised capabilities (the polling path) */
  DovecotServer(Path dir, boolean idle) throws Exception {
    dovecot = DovecotProcess.start(dir, USER, PASSWORD, idle);
  }

  @Override
  int port() {
    return dovecot.port();
  }

  @Override
  String name() {
    return "Dovecot";
  }

  @Override
  void restart() throws Exception {
    dovecot.restart();
  }

  @Override
  public void close() throws Exception {
    dovecot.close();
  }
}
