package org.patchpipe.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.patchpipe.event.Position.ImapUid;
import org.patchpipe.event.Position.InboxCommit;
import org.patchpipe.event.Position.MaildirKey;
import org.patchpipe.event.Position.MboxOffset;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParseWarning;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;

class EventCodecTest {
  private final EventCodec codec = new EventCodec();

  static Envelope envelope() {
    return new Envelope(
        "<20190502122256.1234-1-shorne@gmail.com>",
        List.of("<parent@x>", "<root@x>"),
        LocalDateTime.of(2019, 5, 2, 12, 22, 56, 123_000_000),
        new Submitter("Stafford Horne \u00e9", "shorne@gmail.com"),
        null,
        "From: Stafford Horne <shorne@gmail.com>\nSubject: [PATCH v2 1/3] openrisc: fix",
        new Subject("[v2,1/3] openrisc: fix", List.of("v2", "1/3"), false, 1, 3, 2),
        List.of(new ParseWarning("R1.1", "synthetic Message-ID"), new ParseWarning("limits", null)));
  }

  static Envelope sparseEnvelope() {
    return new Envelope(null, List.of(), null, null, "ValueError: Invalid 'From' header", "", 
        new Subject("", List.of(), true, null, null, 1));
  }

  static Stream<ParsedMail> everyVariant() {
    return Stream.of(
        new ParsedMail.Patch(envelope(), "commit message\n\nSigned-off-by: a", "diff --git a/x b/x\n",
            "0123456789abcdef0123456789abcdef01234567", null, new Tags(1, 2, 3), "accepted", "jdoe"),
        new ParsedMail.Patch(sparseEnvelope(), null, null, null, "git://x.org/repo.git main", Tags.NONE, null, null),
        new ParsedMail.CoverLetter(envelope(), "This series fixes ..."),
        new ParsedMail.Comment(envelope(), "Acked-by: x <x@y>", new Tags(1, 0, 0), true),
        new ParsedMail.Comment(sparseEnvelope(), null, null, false),
        new ParsedMail.Other("<o@x>", "X-Patchwork-Hint: ignore"),
        new ParsedMail.Other(null, null),
        new ParsedMail.Unparseable(null, "ValueError: Broken 'Message-ID' header", "R1.1"));
  }

  @ParameterizedTest
  @MethodSource("everyVariant")
  void everyParsedMailVariantRoundTrips(ParsedMail mail) {
    for (Position position :
        List.of(new MboxOffset(123, 4), new MaildirKey("cur/1.M1"), new InboxCommit("0".repeat(40)),
            new ImapUid("INBOX", 17, 4242))) {
      MailEvent event =
          MailEvent.of("openrisc.lists.librecores.org", "mbox:/a.mbox", position,
              Instant.parse("2026-11-27T03:00:00.123456Z"), 4711, mail);
      byte[] json = codec.encode(event);
      assertEquals(event, codec.decode(json), new String(json, UTF_8));
    }
  }

  @Test
  void theWireFormatIsStable() {
    MailEvent event =
        MailEvent.of("l.x", "file:/m", new MaildirKey("a"), Instant.parse("2026-01-01T00:00:00Z"), 3,
            new ParsedMail.Unparseable("<m@x>", "no", "R1.1"));
    assertEquals(
        "{\"schema\":1,\"listId\":\"l.x\",\"sourceId\":\"file:/m\",\"position\":{\"type\":\"file\",\"key\":\"a\"},"
            + "\"receivedAt\":\"2026-01-01T00:00:00Z\",\"rawBytes\":3,\"mail\":{\"kind\":\"unparseable\","
            + "\"msgid\":\"<m@x>\",\"reason\":\"no\",\"ruleId\":\"R1.1\"}}",
        new String(codec.encode(event), UTF_8));
  }

  @Test
  void eventsWrittenBeforeWarningsExistedStillDecode() {
    MailEvent event = MailEvent.of("l.x", "file:/m", new MaildirKey("a"), Instant.parse("2026-01-01T00:00:00Z"), 3,
        new ParsedMail.CoverLetter(sparseEnvelope(), "cover"));
    String json = new String(codec.encode(event), UTF_8);
    assertTrue(json.contains(",\"warnings\":[]"), json);
    MailEvent old = codec.decode(json.replace(",\"warnings\":[]", "").getBytes(UTF_8));
    assertEquals(event, old);
  }

  @Test
  void positionsRoundTrip() {
    for (Position p : List.of(new MboxOffset(0, 0), new MaildirKey("x"), new InboxCommit("a".repeat(40)),
        new ImapUid("lists/lkml", 1, 0))) {
      assertEquals(p, codec.decodePosition(codec.encodePosition(p)));
    }
  }

  @Test
  void aNewerSchemaVersionIsRejectedWithAMessage() {
    String json = "{\"schema\":2,\"listId\":\"l.x\"}";
    EventFormatException e = assertThrows(EventFormatException.class, () -> codec.decode(json.getBytes(UTF_8)));
    assertTrue(e.getMessage().contains("upgrade patchpipe"), e.getMessage());
  }

  @Test
  void malformedInputFailsWithEventFormatException() {
    for (String bad : List.of("", "[]", "{", "{\"schema\":1}", "{\"schema\":\"1\"}",
        "{\"schema\":1,\"listId\":\"l\",\"sourceId\":\"s\",\"position\":{\"type\":\"tape\"},"
            + "\"receivedAt\":\"x\",\"rawBytes\":1,\"mail\":{}}",
        "{\"schema\":1,\"listId\":\"l\",\"sourceId\":\"s\",\"position\":{\"type\":\"file\",\"key\":\"k\"},"
            + "\"receivedAt\":\"not a date\",\"rawBytes\":1,\"mail\":{\"kind\":\"other\",\"msgid\":null,\"reason\":null}}")) {
      assertThrows(EventFormatException.class, () -> codec.decode(bad.getBytes(UTF_8)), bad);
    }
    assertThrows(EventFormatException.class, () -> codec.decodePosition("{\"type\":\"commit\",\"commitId\":\"zz\"}".getBytes(UTF_8)));
  }

  @Test
  void topicDefaultsAreDocumentedValues() {
    Topics topics = Topics.DEFAULT;
    assertEquals(List.of("patchpipe.mail.raw", "patchpipe.mail.events", "patchpipe.mail.dead-letters",
        "patchpipe.ingest.positions"), topics.names());
    assertEquals("compact", topics.configsOf(topics.positions()).get("cleanup.policy"));
    assertEquals("-1", topics.configsOf(topics.raw()).get("retention.ms"));
    assertEquals(1, topics.partitionsOf(topics.positions()));
    assertEquals("t.patchpipe.mail.raw", topics.withPrefix("t.").raw());
    assertThrows(IllegalArgumentException.class, () -> topics.withPartitions(0));
  }
}
