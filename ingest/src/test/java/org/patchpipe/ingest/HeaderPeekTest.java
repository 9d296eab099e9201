package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.RawMessage;

class HeaderPeekTest {
  static RawMessage raw(String text) {
    return RawMessage.of(text.getBytes(UTF_8));
  }

  @Test
  void findsFoldedHeadersCaseInsensitivelyInTheHeaderBlockOnly() {
    RawMessage m = raw("Subject: x\r\nlist-ID: The list\r\n <openrisc.lists.librecores.org>\r\n"
        + "Message-Id:\r\n  <abc@x>\r\n\r\nList-Id: <body.example.org>\r\n");
    assertEquals(Optional.of("openrisc.lists.librecores.org"), HeaderPeek.listId(m));
    assertEquals(Optional.of("<abc@x>"), HeaderPeek.messageId(m));
    assertEquals(Optional.empty(), HeaderPeek.listId(raw("Subject: x\n\nList-Id: <body.example.org>\n")));
  }

  @Test
  void aListIdWithoutAngleBracketsIsTakenWhole() {
    assertEquals(Optional.of("plain.example.org"), HeaderPeek.listId(raw("List-Id: plain.example.org\n\n")));
    assertEquals(Optional.empty(), HeaderPeek.listId(raw("List-Id: <>\n\n")));
    assertEquals(Optional.empty(), HeaderPeek.messageId(raw("")));
  }
}
