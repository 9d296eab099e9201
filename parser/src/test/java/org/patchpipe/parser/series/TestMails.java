package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;

/**
 * Builds parsed mail for tracker tests without going through the parser: one mutable builder per
 * mail, ending in {@link #patch()}, {@link #cover()} or {@link #comment()}.
 */
final class TestMails {
  static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 10, 0);

  private final String msgid;
  private String name;
  private List<String> prefixes = List.of();
  private boolean reply;
  private Integer number;
  private Integer total;
  private int version = 1;
  private LocalDateTime date = T0;
  private Submitter submitter = new Submitter("Alice Example", "alice@example.com");
  private final List<String> refs = new ArrayList<>();
  private String content = "text\n";
  private Tags tags = Tags.NONE;
  private boolean actionRequired;

  private TestMails(String msgid) {
    this.msgid = msgid;
    this.name = "subject of " + msgid;
  }

  static TestMails mail(String msgid) {
    return new TestMails(msgid);
  }

  /** A name with its series marker {@code x/n} (R5.4). */
  TestMails marker(String name, int x, int n) {
    this.name = name;
    this.number = x;
    this.total = n;
    return this;
  }

  TestMails name(String name) {
    this.name = name;
    return this;
  }

  TestMails reply() {
    this.reply = true;
    return this;
  }

  TestMails version(int version) {
    this.version = version;
    return this;
  }

  TestMails at(LocalDateTime date) {
    this.date = date;
    return this;
  }

  TestMails minutes(long minutesAfterT0) {
    this.date = T0.plusMinutes(minutesAfterT0);
    return this;
  }

  TestMails noDate() {
    this.date = null;
    return this;
  }

  TestMails from(String name, String email) {
    this.submitter = new Submitter(name, email);
    return this;
  }

  TestMails invalidFrom() {
    this.submitter = null;
    return this;
  }

  /** In-Reply-To then References newest first, as R1.4 orders them. */
  TestMails refs(String... refs) {
    this.refs.addAll(List.of(refs));
    return this;
  }

  TestMails content(String content) {
    this.content = content;
    return this;
  }

  TestMails tags(int acked, int reviewed, int tested) {
    this.tags = new Tags(acked, reviewed, tested);
    return this;
  }

  TestMails actionRequired() {
    this.actionRequired = true;
    return this;
  }

  private Envelope envelope() {
    return new Envelope(
        msgid,
        refs,
        date,
        submitter,
        submitter == null ? "ValueError: Invalid 'From' header" : null,
        "Message-Id: " + msgid,
        new Subject(name, prefixes, reply, number, total, version));
  }

  ParsedMail.Patch patch() {
    return new ParsedMail.Patch(envelope(), content, "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
        "0000000000000000000000000000000000000000", null, tags, null, null);
  }

  ParsedMail.CoverLetter cover() {
    return new ParsedMail.CoverLetter(envelope(), content);
  }

  ParsedMail.Comment comment() {
    return new ParsedMail.Comment(envelope(), content, tags, actionRequired);
  }
}
