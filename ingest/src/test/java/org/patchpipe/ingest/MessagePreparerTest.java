package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Position.MaildirKey;
import org.patchpipe.ingest.kafka.Publication;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.RawMessage;

class MessagePreparerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
  final MessagePreparer preparer =
      new MessagePreparer(new MailParser(ParserLimits.DEFAULT), Optional.empty(), CLOCK, 1 << 20);

  static SourcedMessage message(String text) {
    return new SourcedMessage(RawMessage.of(text.getBytes(UTF_8)), new MaildirKey("k"));
  }

  @Test
  void aPatchBecomesAnEventKeyedByItsListWithTheIngestClock() {
    Publication p = preparer.prepare("folder:/x", message(TestMails.mail(3)));
    Publication.Mail mail = (Publication.Mail) p;
    assertEquals(TestMails.LIST_ID, mail.listId());
    assertEquals("<3@example.org>", mail.messageId());
    MailEvent event = new EventCodec().decode(mail.event());
    assertEquals(CLOCK.instant(), event.receivedAt());
    assertEquals("folder:/x", event.sourceId());
    assertEquals(TestMails.mail(3).length(), event.rawBytes());
    assertTrue(event.mail() instanceof ParsedMail.Patch, event.mail().toString());
    assertEquals("patch", mail.kind());
  }

  @Test
  void aDefectiveMessageIsADeadLetterThatIsNotWhole() {
    SourcedMessage cut = new SourcedMessage(RawMessage.of("Message-ID: <c@x>\nSub".getBytes(UTF_8)),
        new MaildirKey("k"), "mbox ends inside this message");
    Publication.DeadLetter dead = (Publication.DeadLetter) preparer.prepare("s", cut);
    assertFalse(dead.wholeMessage());
    assertEquals("<c@x>", dead.messageId());
    assertEquals("mbox ends inside this message", dead.reason());
  }

  @Test
  void mailWithoutAListIsADeadLetterThatSaysWhatToDo() {
    String noList = TestMails.mail(1).replace("List-Id: <" + TestMails.LIST_ID + ">\n", "");
    Publication.DeadLetter dead = (Publication.DeadLetter) preparer.prepare("s", message(noList));
    assertTrue(dead.wholeMessage());
    assertTrue(dead.reason().contains("--list-id"), dead.reason());
    MessagePreparer given = new MessagePreparer(
        new MailParser(ParserLimits.DEFAULT), Optional.of("other.example.org"), CLOCK, 1 << 20);
    assertEquals("other.example.org", ((Publication.Mail) given.prepare("s", message(noList))).listId());
  }

  @Test
  void aMessageLargerThanARecordIsADeadLetterWithItsStartKept() {
    MessagePreparer small = new MessagePreparer(new MailParser(ParserLimits.DEFAULT), Optional.empty(), CLOCK, 100);
    Publication.DeadLetter dead = (Publication.DeadLetter) small.prepare("s", message(TestMails.mail(2)));
    assertEquals(100, dead.raw().length);
    assertFalse(dead.wholeMessage());
    assertTrue(dead.reason().contains("larger than"), dead.reason());
  }

  @Test
  void binaryJunkNeverThrows() {
    byte[] junk = new byte[5000];
    new java.util.Random(7).nextBytes(junk);
    Publication p = preparer.prepare("s", new SourcedMessage(RawMessage.of(junk), new MaildirKey("j")));
    assertTrue(p instanceof Publication.DeadLetter, "no List-Id in junk");
    MessagePreparer listed = new MessagePreparer(
        new MailParser(ParserLimits.DEFAULT), Optional.of("l.example.org"), CLOCK, 1 << 20);
    Publication q = listed.prepare("s", new SourcedMessage(RawMessage.of(junk), new MaildirKey("j")));
    assertEquals(junk.length, q.raw().length);
  }
}
