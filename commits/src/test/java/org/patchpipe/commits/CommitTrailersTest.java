package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommitTrailersTest {
  @Test
  void loreShortLinkPatchMsgidLinkAndMessageIdTrailer() {
    String message = "efi: fix the thing\n\nLonger text.\n\n"
        + "Signed-off-by: A U Thor <a@example.com>\n"
        + "Link: https://lore.kernel.org/r/20240101120000.1234-1-a@example.com\n"
        + "Link: https://patch.msgid.link/20240202.5-2-b%40example.org\n"
        + "Message-Id: <cafe.123@mail.example.net>\n";
    assertEquals(List.of("<20240101120000.1234-1-a@example.com>", "<20240202.5-2-b@example.org>",
        "<cafe.123@mail.example.net>"), CommitTrailers.messageIds(message));
  }

  @Test
  void loreListLinkWithThreadSuffixAndAngleBrackets() {
    String message = "x\n\nLink: <https://lore.kernel.org/linux-efi/abc+def@host.example/T/#u>\n";
    assertEquals(List.of("<abc+def@host.example>"), CommitTrailers.messageIds(message));
  }

  @Test
  void linksWithoutMessageIdAreIgnored() {
    String message = "x\n\nLink: https://bugzilla.kernel.org/show_bug.cgi?id=12345\n"
        + "Link: https://github.com/torvalds/linux/issues/1\n"
        + "See Link: https://lore.kernel.org/r/in-text@example.com in the body\n";
    assertEquals(List.of(), CommitTrailers.messageIds(message));
  }

  @Test
  void sameMessageIdNamedTwiceIsReportedOnce() {
    String message = "x\n\nMessage-ID: <a@b>\nLink: https://lore.kernel.org/r/a@b\n";
    assertEquals(List.of("<a@b>"), CommitTrailers.messageIds(message));
  }
}
