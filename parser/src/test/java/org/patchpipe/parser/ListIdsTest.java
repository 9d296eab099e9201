package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R2.2 as {@link ListIds} reads it, the one reading behind {@code parse}, {@code replay} and IMAP. */
class ListIdsTest {
  private static Optional<String> find(String mail) {
    return ListIds.find(RawMessage.of(mail.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void r2_2_lastBracketedGroupWins() {
    assertEquals(Optional.of("openrisc.lists.librecores.org"),
        find("Subject: x\nList-Id: OpenRISC <openrisc.lists.librecores.org>\n\nbody\n"));
    assertEquals(Optional.of("b.example.com"), find("LIST-ID: <a.example.com> or\n <b.example.com>\n\n"));
    assertEquals(Optional.of("a.example.com"), find("List-Id: <a.example.com> <>\n\n"));
  }

  @Test
  void r2_2_singleTokenWithoutBrackets() {
    assertEquals(Optional.of("test.example.com"), find("List-Id: test.example.com\n\n"));
    assertEquals(Optional.empty(), find("List-Id: two words\n\n"));
    // R2.2 as written: no <...> group with text, so the one token "<>" is the candidate (no project has it).
    assertEquals(Optional.of("<>"), find("List-Id: <>\n\n"));
    assertEquals(Optional.empty(), find("List-Id:   \n\n"));
  }

  @Test
  void r2_2_theOtherHeadersInPatchworksOrder() {
    assertEquals(Optional.of("ml.example.com"), find("X-Mailing-List: <ml.example.com>\nX-list: xl.example.com\n\n"));
    assertEquals(Optional.of("xl.example.com"), find("X-List: xl.example.com\n\n"));
    assertEquals(Optional.of("ml.example.com"), find("List-Id: two words\nX-Mailing-List: ml.example.com\n\n"));
    assertEquals(Optional.of("li.example.com"), find("X-Mailing-List: ml.example.com\nList-ID: li.example.com\n\n"));
  }

  @Test
  void cleanedFirstLikeEveryHeader() {
    assertEquals(Optional.of("enc.example.com"), find("List-Id: =?utf-8?q?List_<enc.example.com>?=\n\n"));
  }

  @Test
  void onlyTheHeaderBlockCounts() {
    assertEquals(Optional.empty(), find("Subject: x\n\nList-Id: <in.the.body>\n"));
    assertEquals(Optional.of("crlf.example.com"), find("Subject: x\r\nList-Id: <crlf.example.com>\r\n\r\nbody\r\n"));
    assertEquals(Optional.of("fold.example.com"), find("Subject: x\r\nlist-ID: The list\r\n <fold.example.com>\r\n\r\n"));
  }
}
