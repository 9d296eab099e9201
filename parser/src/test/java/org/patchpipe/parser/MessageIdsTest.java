package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * R1.1 as {@link MessageIds} reads it: the same id the parser gives a mail, so that what keys mail
 * before a parse (the raw topic, an IMAP re-scan) and what the parser says always agree. The
 * corpus case skips where {@code ../shared} is absent.
 */
class MessageIdsTest {
  private static final MailParser PARSER = new MailParser(ParserLimits.DEFAULT);

  private static RawMessage raw(String mail) {
    return RawMessage.of(mail.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Optional<String> find(String mail) {
    return MessageIds.find(raw(mail));
  }

  @Test
  void findsTheHeaderCaseInsensitivelyAndFolded() {
    assertEquals(Optional.of("<a@b>"), find("Subject: x\r\nMESSAGE-ID: <a@b>\r\n\r\nbody"));
    assertEquals(Optional.of("<a@b>"), find("Message-Id:\r\n <a@b>\r\n\r\n"));
    assertEquals(Optional.of("<a@b>"), find("Message-ID: <a@b> (comment)\n\n"));
    assertEquals(Optional.of("5899@radware.com>"), find("Message-ID: 5899@radware.com>\n\n"));
  }

  @Test
  void stopsAtTheEndOfTheHeaderBlock() {
    assertEquals(Optional.empty(), find("Subject: x\r\n\r\nMessage-ID: <in@body>\r\n"));
    assertEquals(Optional.empty(), find(""));
    assertEquals(Optional.empty(), find("Message-ID:   \r\n\r\n"));
  }

  @Test
  void encodedAndOverLongIdsReadAsTheParserReadsThem() {
    String encoded = "=?utf-8?b?" + Base64.getEncoder().encodeToString("<enc@x>".getBytes(StandardCharsets.UTF_8)) + "?=";
    assertEquals(Optional.of("<enc@x>"), find("Message-ID: " + encoded + "\n\n"));
    String longId = "<" + "y".repeat(300) + "@x>";
    assertEquals(255, find("Message-ID: " + longId + "\n\n").orElseThrow().length());
    for (String header : new String[] {encoded, longId}) {
      RawMessage mail = raw(patch("Message-ID: " + header + "\r\n"));
      assertEquals(PARSER.parse(mail, Project.ofListId("list.example.org")).msgid(), MessageIds.of(mail));
    }
  }

  @Test
  void mailWithoutOneGetsTheParsersSyntheticId() {
    RawMessage mail = raw(patch(""));
    String synthetic = MessageIds.of(mail);
    assertTrue(synthetic.endsWith("@" + MessageIds.SYNTHETIC_DOMAIN + ">"), synthetic);
    assertEquals(PARSER.parse(mail, Project.ofListId("list.example.org")).msgid(), synthetic);
    // CRLF is read as LF (universal newlines), so the id does not depend on how the mail travelled.
    assertEquals(MessageIds.of(raw(patch("").replace("\r\n", "\n"))), synthetic);
  }

  /** Every archive mail, as received and as CRLF: MessageIds says what the parser says (where it says anything). */
  @ParameterizedTest
  @CsvSource({"openrisc, openrisc.lists.librecores.org", "linux-efi, linux-efi.vger.kernel.org"})
  void agreesWithTheParserOnEveryArchiveMail(String archive, String listId) {
    List<byte[]> mails = Corpus.mboxrd(SharedFiles.resolve("corpus/" + archive + ".mbox.gz"));
    Project project = Project.ofListId(listId);
    int compared = 0;
    for (int i = 0; i < mails.size(); i++) {
      String parsed = PARSER.parse(RawMessage.of(mails.get(i)), project).msgid();
      if (parsed == null) {
        continue;
      }
      String crlf = new String(mails.get(i), StandardCharsets.ISO_8859_1).replace("\n", "\r\n");
      assertEquals(parsed, MessageIds.of(RawMessage.of(mails.get(i))), archive + "#" + i);
      assertEquals(parsed, MessageIds.of(raw(crlf)), archive + "#" + i + " as CRLF");
      compared++;
    }
    assertTrue(compared > mails.size() * 9 / 10, "compared " + compared + " of " + mails.size());
  }

  private static String patch(String messageIdLine) {
    return "From: A <a@example.org>\r\nSubject: [PATCH] x\r\n" + messageIdLine
        + "\r\nFix.\r\n---\r\ndiff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n";
  }
}
