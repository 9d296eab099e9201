package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R1, R7.1 pipeline outcomes, R9 tags, R10 hint headers, R12.1 stored headers. */
class MailParserTest {
  static final MailParser PARSER = new MailParser(ParserLimits.DEFAULT);
  static final Project PROJECT = new Project("test", "test.example.com", "test@example.com");
  static final String DIFF =
      "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";

  static ParsedMail parse(String mail) {
    return PARSER.parse(RawMessage.of(mail.getBytes(StandardCharsets.UTF_8)), PROJECT);
  }

  static String mail(String subject, String extraHeaders, String body) {
    return "From: Ann <ann@example.com>\nSubject: " + subject + "\nMessage-Id: <m1@example.com>\n"
        + "Date: Mon, 01 Jan 2024 10:00:00 +0200\n" + extraHeaders + "\n" + body;
  }

  @Test
  void r71MissingFromOrSubjectIsRejected() {
    ParsedMail noFrom = parse("Subject: x\nMessage-Id: <a@b>\n\n" + DIFF);
    assertEquals("R7.1", ((ParsedMail.Unparseable) noFrom).ruleId());
    assertEquals("<a@b>", noFrom.msgid());
    ParsedMail noSubject = parse("From: a@b.com\nMessage-Id: <a@b>\n\n" + DIFF);
    assertEquals("Missing 'Subject' header", ((ParsedMail.Unparseable) noSubject).reason());
  }

  @Test
  void r71HintIgnoreDrops() {
    ParsedMail m = parse(mail("[PATCH] x", "X-Patchwork-Hint: IGNORE\n", DIFF));
    assertEquals("X-Patchwork-Hint: ignore", ((ParsedMail.Other) m).reason());
  }

  @Test
  void r75OutcomeTable() {
    ParsedMail patch = parse(mail("[PATCH] x", "", "msg\n" + DIFF));
    assertInstanceOf(ParsedMail.Patch.class, patch);
    ParsedMail reply = parse(mail("Re: [PATCH] x", "In-Reply-To: <p@x>\n", "msg\n" + DIFF));
    assertTrue(((ParsedMail.Comment) reply).content().contains("+++ b/x"));
    assertInstanceOf(ParsedMail.Comment.class, parse(mail("[PATCH 1/1] x", "In-Reply-To: <p@x>\n", "no diff")));
    ParsedMail cover = parse(mail("[PATCH 0/3] y", "", "cover text"));
    assertEquals("cover text", ((ParsedMail.CoverLetter) cover).content());
    assertInstanceOf(ParsedMail.Patch.class, parse(mail("[PATCH 0/2] z", "", DIFF)));
    assertInstanceOf(ParsedMail.Comment.class, parse(mail("[PATCH] x", "", "no diff, no refs")));
    assertInstanceOf(ParsedMail.Comment.class, parse(mail("Re: [PATCH 0/3] y", "", "reply to a cover")));
    assertEquals("no content", ((ParsedMail.Other) parse(mail("[PATCH] x", "", "\n-- \nsig\n"))).reason());
    ParsedMail badFrom = parse(mail("[PATCH] x", "", DIFF).replace("Ann <ann@example.com>", "o'brien@x.com"));
    assertEquals("R3.1", ((ParsedMail.Unparseable) badFrom).ruleId());
    ParsedMail badFromReply = parse(mail("Re: x", "", "text").replace("Ann <ann@example.com>", "o'brien@x.com"));
    assertNull(((ParsedMail.Comment) badFromReply).envelope().submitter());
    assertEquals("ValueError: Invalid 'From' header", ((ParsedMail.Comment) badFromReply).envelope().submitterError());
  }

  @Test
  void r72PullRequestWithoutDiff() {
    String body = "Please pull.\n\nThe following changes since commit abc:\n\n  x (2024-01-01)\n\n"
        + "are available in the git repository at:\n\n  git://git.example.org/repo.git tags/for-linus\n\nfor you to fetch\n";
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail("[GIT PULL] stuff", "", body));
    assertEquals("git://git.example.org/repo.git tags/for-linus", p.pullUrl());
    assertNull(p.diff());
    assertNull(p.hash());
    assertEquals(List.of("GIT", "PULL"), p.envelope().subject().prefixes());
  }

  @Test
  void r11MessageIdTakesFirstBracketedIdAndIsTruncated() {
    ParsedMail m = parse(mail("[PATCH] x", "", DIFF).replace("<m1@example.com>", "<xnzgy1de8d.fsf@rhel8.vm> (message ID with a comment)"));
    assertEquals("<xnzgy1de8d.fsf@rhel8.vm>", m.msgid());
    ParsedMail bare = parse(mail("[PATCH] x", "", DIFF).replace("<m1@example.com>", "5899@radware.com>"));
    assertEquals("5899@radware.com>", bare.msgid());
    ParsedMail longId = parse(mail("[PATCH] x", "", DIFF).replace("<m1@example.com>", "<" + "a".repeat(300) + "@x>"));
    assertEquals(255, longId.msgid().length());
  }

  @Test
  void r14ReferencesInReplyToFirstThenNewestReference() {
    ParsedMail.Comment c = (ParsedMail.Comment) parse(mail("Re: x",
        "In-Reply-To: <b@x> (comment)\nReferences: <a@x>\n <b@x> <c@x>\nReferences: <d@x> <a@x>\nIn-Reply-To: plain-id\n", "text"));
    assertEquals(List.of("<b@x>", "plain-id", "<c@x>", "<a@x>", "<d@x>"), c.envelope().references());
  }

  @Test
  void r4DateIsUtc() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail("[PATCH] x", "", DIFF));
    assertEquals(LocalDateTime.of(2024, 1, 1, 8, 0), p.envelope().date());
    ParsedMail.Patch noDate = (ParsedMail.Patch) parse(mail("[PATCH] x", "", DIFF).replace("Date: Mon, 01 Jan 2024 10:00:00 +0200\n", ""));
    assertNull(noDate.envelope().date());
  }

  @Test
  void r9TagsCountLineStartsCaseInsensitively() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail("[PATCH] x", "",
        "msg\n\nAcked-by: A <a@x.com>\nacked-by: B <b@x.com>\n> Acked-by: quoted\n Reviewed-by: indented\n"
            + "REVIEWED-BY: C\nTested-by : no\nTested-by: T\n---\n" + DIFF));
    assertEquals(new Tags(2, 1, 1), p.tags());
  }

  @Test
  void r10StateDelegateAndActionRequired() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail("[PATCH] x",
        "X-Patchwork-State: Under  Review\nX-Patchwork-Delegate: maint@example.com\n", DIFF));
    assertEquals("Under Review", p.state());
    assertEquals("maint@example.com", p.delegate());
    ParsedMail.Comment c = (ParsedMail.Comment) parse(mail("Re: x", "X-Patchwork-Action-Required:\n", "text"));
    assertTrue(c.actionRequired());
    assertFalse(((ParsedMail.Comment) parse(mail("Re: x", "", "text"))).actionRequired());
  }

  @Test
  void r33DmarcViaIsUnmangled() {
    String m = mail("[PATCH] x", "Reply-To: Real Sender <real@example.org>\n", DIFF)
        .replace("Ann <ann@example.com>", "Real Sender via Test <test@example.com>");
    ParsedMail.Patch p = (ParsedMail.Patch) parse(m);
    assertEquals(new Submitter("Real Sender", "real@example.org"), p.envelope().submitter());
  }

  @Test
  void r121StoredHeadersKeepOrderAndReencode() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail("[PATCH] x", "X-Enc: =?utf-8?q?caf=C3=A9?=\nX-Bad: =?utf-8?b?a?=\n", DIFF));
    assertEquals(
        "From: Ann <ann@example.com>\nSubject: [PATCH] x\nMessage-Id: <m1@example.com>\n"
            + "Date: Mon, 01 Jan 2024 10:00:00 +0200\nX-Enc: =?utf-8?b?Y2Fmw6k=?=",
        p.envelope().headers());
  }

  @Test
  void r5ProjectLinkNameIsDroppedFromPrefixes() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail("[TEST] [PATCH v2 2/3] x", "", DIFF));
    Subject s = p.envelope().subject();
    assertEquals("[v2,2/3] x", s.name());
    assertEquals(2, s.version());
    assertEquals(2, s.number());
    assertEquals(3, s.total());
  }
}
