package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.RawMessage;

/** The default project of {@code patchpipe parse} comes from List-Id as R2.2 reads it. */
class ParseListIdTest {
  private static Optional<String> find(String mail) {
    return ParseListId.find(RawMessage.of(mail.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void r2_2_lastBracketedGroupWins() {
    assertEquals(Optional.of("openrisc.lists.librecores.org"),
        find("Subject: x\nList-Id: OpenRISC <openrisc.lists.librecores.org>\n\nbody\n"));
    assertEquals(Optional.of("b.example.com"), find("LIST-ID: <a.example.com> or\n <b.example.com>\n\n"));
  }

  @Test
  void r2_2_singleTokenWithoutBrackets() {
    assertEquals(Optional.of("test.example.com"), find("List-Id: test.example.com\n\n"));
    assertEquals(Optional.empty(), find("List-Id: two words\n\n"));
  }

  @Test
  void onlyTheHeaderBlockCounts() {
    assertEquals(Optional.empty(), find("Subject: x\n\nList-Id: <in.the.body>\n"));
    assertEquals(Optional.of("crlf.example.com"), find("Subject: x\r\nList-Id: <crlf.example.com>\r\n\r\nbody\r\n"));
  }
}
