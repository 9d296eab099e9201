package org.patchpipe.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImapSourceTest {
  private static ImapSource.Pending p(long uid) {
    return new ImapSource.Pending(uid, 10);
  }

  @Test
  void uidSetCompressesRunsOfConsecutiveUids() {
    assertEquals("1:3,5,7:8", ImapSource.uidSet(List.of(p(1), p(2), p(3), p(5), p(7), p(8))));
    assertEquals("42", ImapSource.uidSet(List.of(p(42))));
  }
}
