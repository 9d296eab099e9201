package org.patchpipe.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.RawMessage;

class MessageIdScanTest {
  private static Optional<String> scan(String mail) {
    return MessageIdScan.of(RawMessage.of(mail.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void findsTheHeaderCaseInsensitivelyAndFolded() {
    assertEquals(Optional.of("<a@b>"), scan("Subject: x\r\nMESSAGE-ID: <a@b>\r\n\r\nbody"));
    assertEquals(Optional.of("<a@b>"), scan("Message-Id:\r\n <a@b>\r\n\r\n"));
    assertEquals(Optional.of("<a@b>"), scan("Message-ID: <a@b> (comment)\n\n"));
  }

  @Test
  void stopsAtTheEndOfTheHeaderBlock() {
    assertEquals(Optional.empty(), scan("Subject: x\r\n\r\nMessage-ID: <in@body>\r\n"));
    assertEquals(Optional.empty(), scan(""));
    assertEquals(Optional.empty(), scan("Message-ID:   \r\n\r\n"));
  }
}
