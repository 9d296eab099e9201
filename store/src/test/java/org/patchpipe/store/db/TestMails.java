package org.patchpipe.store.db;

import java.time.LocalDateTime;
import java.util.List;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;

/** Builds parsed mail records for store tests, without the parser. */
public final class TestMails {
  private TestMails() {}

  public static Envelope envelope(String msgid, String name, LocalDateTime date, String email, List<String> refs) {
    return new Envelope(msgid, refs, date, new Submitter("Author " + email, email), null,
        "Message-ID: " + msgid + "\nSubject: " + name, new Subject(name, List.of(), false, null, null, 1));
  }

  public static ParsedMail.Patch patch(String msgid, String name, LocalDateTime date, String email, List<String> refs) {
    return new ParsedMail.Patch(envelope(msgid, name, date, email, refs), "commit message\n\nAcked-by: X <x@y.org>",
        "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", "0123456789abcdef0123456789abcdef01234567",
        null, new Tags(1, 0, 0), null, null);
  }

  public static ParsedMail.CoverLetter cover(String msgid, String name, LocalDateTime date, String email) {
    return new ParsedMail.CoverLetter(envelope(msgid, name, date, email, List.of()), "cover text");
  }

  public static ParsedMail.Comment comment(String msgid, LocalDateTime date, String email, List<String> refs, boolean actionRequired) {
    return new ParsedMail.Comment(envelope(msgid, "Re: x", date, email, refs), "Reviewed-by: R <r@y.org>",
        new Tags(0, 1, 0), actionRequired);
  }
}
