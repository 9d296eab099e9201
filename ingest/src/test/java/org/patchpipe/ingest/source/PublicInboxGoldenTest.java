package org.patchpipe.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.event.Position;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * The openrisc public-inbox v2 epoch, cloned with JGit from its git bundle, read by {@link
 * PublicInboxSource}, gives byte for byte the same 2,950 messages, in the same order, as {@link
 * MboxSource} reading {@code openrisc.mbox.gz} (the corpus README says both hold the same messages
 * in commit order). Skipped where {@code ../shared} is absent.
 */
class PublicInboxGoldenTest {
  @TempDir Path dir;

  static Path shared() {
    SharedFiles.resolve("corpus/public-inbox-v2/openrisc.0.bundle");
    return SharedFiles.root();
  }

  @Test
  void theEpochAndTheMboxHoldTheSameMessagesInTheSameOrder() throws Exception {
    Path shared = shared();
    Path bundle = shared.resolve("corpus/public-inbox-v2/openrisc.0.bundle");
    Path epoch = dir.resolve("openrisc.0.git");
    try (Git git = Git.cloneRepository()
        .setURI(bundle.toUri().toString())
        .setDirectory(epoch.toFile())
        .setBare(true)
        .setMirror(true)
        .call()) {
      assertTrue(git.getRepository().exactRef("refs/heads/master") != null);
    }
    assertEquals(MailSourceKind.PUBLIC_INBOX, MailSourceKind.detect(epoch));
    int count = 0;
    Position at2000 = null;
    try (MailSource inbox = MailSourceKind.open(epoch, Optional.empty());
        MailSource mbox = MailSourceKind.open(shared.resolve("corpus/openrisc.mbox.gz"), Optional.empty())) {
      for (Optional<SourcedMessage> m = inbox.next(); m.isPresent(); m = inbox.next()) {
        SourcedMessage fromMbox = mbox.next().orElseThrow(() -> new AssertionError("mbox ended early"));
        assertArrayEquals(fromMbox.raw().bytes(), m.get().raw().bytes(), "message " + count);
        assertEquals(count, ((Position.MboxOffset) fromMbox.position()).index());
        count++;
        if (count == 2000) {
          at2000 = m.get().position();
        }
      }
      assertTrue(mbox.next().isEmpty(), "mbox has more messages than the epoch");
      assertTrue(mbox.failure().isEmpty());
    }
    assertEquals(2950, count);
    try (MailSource rest = MailSourceKind.open(epoch, Optional.of(at2000))) {
      int remaining = 0;
      while (rest.next().isPresent()) {
        remaining++;
      }
      assertEquals(950, remaining, "incremental: only the commits after the committed one");
    }
  }
}
