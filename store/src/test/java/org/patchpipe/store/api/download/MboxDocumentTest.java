package org.patchpipe.store.api.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.store.db.Submission;

/** Pieces of Patchwork's mbox (R12.9) that the download tests do not reach. */
class MboxDocumentTest {
  @Test
  void formatAddressIsPythonsFormataddr() {
    assertEquals("Stafford Horne <shorne@gmail.com>", MboxDocument.formatAddress("Stafford Horne", "shorne@gmail.com"));
    assertEquals("\"Horne, Stafford\" <s@x>", MboxDocument.formatAddress("Horne, Stafford", "s@x"));
    assertEquals("\"A \\\"B\\\" C.\" <s@x>", MboxDocument.formatAddress("A \"B\" C.", "s@x"));
    assertEquals("s@x", MboxDocument.formatAddress(null, "s@x"));
    assertEquals("=?utf-8?b?SsO2cmc=?= <j@x>", MboxDocument.formatAddress("Jörg", "j@x"), "base64 is shorter");
    assertEquals("=?utf-8?q?J=C3=B6rg_Other?= <j@x>", MboxDocument.formatAddress("Jörg Other", "j@x"));
    assertEquals("=?utf-8?b?5bGx55Sw5aSq6YOO?= <t@x>", MboxDocument.formatAddress("山田太郎", "t@x"));
  }

  @Test
  void ctimePadsTheDayWithASpace() {
    assertEquals("Mon May  6 13:16:20 2019", MboxDocument.ctime(LocalDateTime.of(2019, 5, 6, 13, 16, 20)));
    assertEquals("Tue Nov 26 01:02:03 2024", MboxDocument.ctime(LocalDateTime.of(2024, 11, 26, 1, 2, 3)));
  }

  @Test
  void bodyMovesTheDiffstatBehindTheCommentTags() {
    Submission s = new Submission(1, "x", LocalDateTime.of(2020, 1, 1, 0, 0), "A", "a@x", null, "",
        "  Message.\n\nSigned-off-by: A <a@x>\n---\n file | 1 +\n\n", "diff --git a/f b/f\n", "l@x",
        List.of("Nice.\nreviewed-BY: R <r@x>\nTested-by: T <t@x>  \n", "no tags"));
    assertEquals("Message.\n\nSigned-off-by: A <a@x>\nreviewed-BY: R <r@x>\nTested-by: T <t@x>  \n"
        + "---\n file | 1 +\n\ndiff --git a/f b/f\n", MboxDocument.body(s));
  }

  @Test
  void storedHeadersKeepFoldsAndStopAtALineThatIsNoHeader() {
    assertEquals(List.of(new StoredHeaders.Item("Subject", "a\n b"), new StoredHeaders.Item("X", "1")),
        StoredHeaders.parse("Subject: a\n b\nX:1\nnot a header\nY: 2"));
  }

  @Test
  void fromAddressAsSplitFromHeaderFindsIt() {
    assertEquals("l@x", FromHeader.email("List <l@x>"));
    assertEquals("l@x", FromHeader.email("\"Name\" <l@x>"));
    assertEquals("j@x", FromHeader.email("j at x (Jo)"));
    assertEquals("l@x", FromHeader.email("l@x"));
  }
}
