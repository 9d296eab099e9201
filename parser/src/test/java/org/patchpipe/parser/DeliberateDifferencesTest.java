package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.mail.HeaderCleaner;

/**
 * Every place where patchpipe's parser knowingly differs from Patchwork (R13), each with the
 * reason. Anything not listed here behaves as Patchwork does.
 */
class DeliberateDifferencesTest {
  static final MailParser PARSER = new MailParser(ParserLimits.DEFAULT);
  static final Project PROJECT = new Project("test", "test.example.com", "test@example.com");
  static final String DIFF = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";

  static ParsedMail parse(String mail) {
    return PARSER.parse(RawMessage.of(mail.getBytes(StandardCharsets.UTF_8)), PROJECT);
  }

  /**
   * R13.2 (issue "mail without a Message-ID is rejected — do better"): Patchwork rejects such mail
   * and the patch is lost. We give it {@code <sha1-of-the-bytes@patchpipe.invalid>}: deterministic,
   * so the same mail delivered twice is still a duplicate, and {@code .invalid} can never clash with
   * a real id. The envelope carries an R1.1 warning so the substitution stays visible.
   */
  @Test
  void mailWithoutMessageIdGetsASyntheticOne() {
    String mail = "From: Ann <ann@example.com>\nSubject: [PATCH] x\n\n" + DIFF;
    ParsedMail.Patch p = (ParsedMail.Patch) parse(mail);
    assertEquals(MessageIds.synthetic(mail.getBytes(StandardCharsets.UTF_8)), p.msgid());
    assertTrue(p.msgid().matches("<[0-9a-f]{40}@patchpipe\\.invalid>"), p.msgid());
    assertEquals(p.msgid(), parse(mail).msgid());
    assertEquals("R1.1", p.envelope().warnings().get(0).ruleId());
    // An empty or undecodable Message-Id header is treated the same way.
    ParsedMail.Patch empty = (ParsedMail.Patch) parse("Message-Id:\n" + mail);
    assertTrue(empty.msgid().endsWith("@patchpipe.invalid>"));
    ParsedMail.Patch bad = (ParsedMail.Patch) parse("Message-Id: =?utf-8?b?a?=\n" + mail);
    assertTrue(bad.msgid().endsWith("@patchpipe.invalid>"));
  }

  /**
   * R6.10 describes {@code message_from_bytes}, which keeps CR. Patchwork's {@code parsemail}
   * (and the oracle) read mail with {@code message_from_binary_file}, which turns CRLF and CR into
   * LF; we follow parsemail, so mail fetched over IMAP (always CRLF) gives the same diff, hash and
   * signature cut as the same mail from an mbox.
   */
  @Test
  void crlfMailParsesLikeLfMail() {
    String lf = "From: Ann <ann@example.com>\nSubject: [PATCH] x\nMessage-Id: <c@x>\n\nmsg\n-- \nsig\n" + DIFF;
    ParsedMail.Patch a = (ParsedMail.Patch) parse(lf);
    ParsedMail.Patch b = (ParsedMail.Patch) parse(lf.replace("\n", "\r\n"));
    assertEquals(a.content(), b.content());
    assertEquals("msg", b.content());
    assertEquals(a.diff(), b.diff());
    assertEquals(a.hash(), b.hash());
  }

  /**
   * R13.4: a From that is the bare list address (no name) makes Patchwork's DMARC code crash and
   * the mail is rejected. We keep the list address (or use X-Original-From when present).
   */
  @Test
  void bareListAddressDoesNotCrash() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse("From: test@example.com\nSubject: [PATCH] x\nMessage-Id: <d@x>\n\n" + DIFF);
    assertEquals(new Submitter(null, "test@example.com"), p.envelope().submitter());
    ParsedMail.Patch q = (ParsedMail.Patch) parse(
        "From: test@example.com\nX-Original-From: Real <real@example.org>\nSubject: [PATCH] x\nMessage-Id: <d@x>\n\n" + DIFF);
    assertEquals(new Submitter(null, "real@example.org"), q.envelope().submitter());
  }

  /** R13.4: an invalid X-Original-From address crashes Patchwork; we fall back to Reply-To/Cc. */
  @Test
  void invalidOriginalFromFallsBackToReplyTo() {
    ParsedMail.Patch p = (ParsedMail.Patch) parse(
        "From: Real via Test <test@example.com>\nX-Original-From: not an address\n"
            + "Reply-To: Real <real@example.org>\nSubject: [PATCH] x\nMessage-Id: <e@x>\n\n" + DIFF);
    assertEquals(new Submitter("Real", "real@example.org"), p.envelope().submitter());
  }

  /**
   * An encoded word with an empty charset ({@code =??q?x?=}) passes CPython's decoding but makes
   * {@code Header.encode()} raise LookupError, which Patchwork does not catch: the mail is lost.
   * We treat the label like any other unknown charset (relabelled unknown-8bit).
   */
  @Test
  void emptyCharsetLabelIsAnUnknownCharset() {
    assertEquals("abc", HeaderCleaner.clean("=??q?abc?=").orElseThrow());
    assertInstanceOf(ParsedMail.Patch.class, parse(
        "From: Ann <ann@example.com>\nSubject: =??q?x?=\nMessage-Id: <f@x>\n\n" + DIFF));
  }

  /**
   * A text part labelled with a bytes-to-bytes codec ({@code charset=base64}, {@code hex}, {@code
   * rot13}) makes Patchwork's {@code payload.decode(charset)} raise LookupError, which it does not
   * catch. We skip that part, as Patchwork does for a charset that fails to decode.
   */
  @Test
  void bytesCodecCharsetSkipsThePart() {
    ParsedMail m = parse("From: Ann <ann@example.com>\nSubject: [PATCH] x\nMessage-Id: <g@x>\n"
        + "Content-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain; charset=base64\n\nskipped\n"
        + "--B\nContent-Type: text/plain\n\nkept\n" + DIFF + "--B--\n");
    ParsedMail.Patch p = (ParsedMail.Patch) m;
    assertEquals("kept", p.content());
  }

  /**
   * Hostile mail is bounded by {@link ParserLimits} instead of exhausting memory: larger mail is
   * Unparseable, headers past the count are ignored (with a warning), deeper MIME is not walked.
   */
  @Test
  void limitsBoundHostileMail() {
    MailParser small = new MailParser(new ParserLimits(100, 3, 2));
    ParsedMail tooBig = small.parse(RawMessage.of(new byte[101]), PROJECT);
    assertEquals("limits", ((ParsedMail.Unparseable) tooBig).ruleId());
    byte[] big = ("Message-Id: <big@x>\nSubject: x\n\n" + "y".repeat(200)).getBytes(StandardCharsets.US_ASCII);
    assertEquals("<big@x>", small.parse(RawMessage.of(big), PROJECT).msgid());
    MailParser few = new MailParser(new ParserLimits(1 << 20, 4, 2));
    ParsedMail.Patch p = (ParsedMail.Patch) few.parse(RawMessage.of(
        ("From: Ann <ann@example.com>\nSubject: [PATCH] x\nMessage-Id: <h@x>\nX-A: 1\nX-B: 2\n\n" + DIFF)
            .getBytes(StandardCharsets.UTF_8)), PROJECT);
    assertEquals(List.of(new ParseWarning("limits", "1 headers past the limit of 4 ignored")), p.envelope().warnings());
  }
}
