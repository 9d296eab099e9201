package org.patchpipe.ingest.imap;

import java.nio.file.Path;

/** {@link FolderFollowerContract} against GreenMail, an IMAP server in this JVM. */
class GreenMailFollowerIT extends FolderFollowerContract {
  @Override
  TestImapServer startServer(Path dir, boolean idle) {
    return new GreenMailServer();
  }
}
