package org.patchpipe.parser;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.patchpipe.parser.content.ContentExtractor;
import org.patchpipe.parser.content.MailContent;
import org.patchpipe.parser.content.PullRequest;
import org.patchpipe.parser.diff.PatchworkHash;
import org.patchpipe.parser.mail.HeaderCleaner;
import org.patchpipe.parser.mail.HeaderPlumbing;
import org.patchpipe.parser.mail.MailHeaders;
import org.patchpipe.parser.mail.MimeMessage;
import org.patchpipe.parser.mail.MimeWalker;
import org.patchpipe.parser.mail.SubmitterParser;
import org.patchpipe.parser.subject.SubjectParser;

/**
 * Parses one mail as Patchwork's {@code parse_mail} would, without the database.
 *
 * <pre>{@code
 * MailParser parser = new MailParser(ParserLimits.DEFAULT);
 * ParsedMail mail = parser.parse(RawMessage.of(bytes), Project.ofListId("openrisc.lists.librecores.org"));
 * }</pre>
 *
 * <p>Follows R7.1 step by step: required headers, the ignore hint, Message-ID, subject, content,
 * pull request, then the stateless part of the classification. One deliberate difference: mail
 * without a usable Message-ID gets a synthetic one derived from its bytes (see {@link
 * MessageIds#synthetic}) and a {@link ParseWarning}, where Patchwork rejects it.
 *
 * <p>Immutable and thread-safe. Never throws for bad mail: broken input gives {@link
 * ParsedMail.Unparseable} with a reason.
 */
public final class MailParser {
  private final ParserLimits limits;

  public MailParser(ParserLimits limits) {
    this.limits = limits;
  }

  /** Parses {@code raw} for {@code project}; never throws for bad mail. */
  public ParsedMail parse(RawMessage raw, Project project) {
    if (raw.size() > limits.maxMessageBytes()) {
      return new ParsedMail.Unparseable(
          MessageIds.find(raw.array(), limits),
          "message of " + raw.size() + " bytes exceeds the limit of " + limits.maxMessageBytes(),
          "limits");
    }
    try {
      return parseBytes(UniversalNewlines.apply(raw.array()), project);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A parser bug must not lose the mail: report it as unparseable with the cause.
      return new ParsedMail.Unparseable(null, "internal error: " + e, "internal");
    }
  }

  private ParsedMail parseBytes(byte[] bytes, Project project) {
    MimeMessage mime = MimeWalker.walk(bytes, limits.maxHeaderCount(), limits.maxMimeDepth());
    MailHeaders headers = mime.headers();
    List<ParseWarning> warnings = new ArrayList<>();
    if (mime.headersDropped() > 0) {
      warnings.add(new ParseWarning("limits", mime.headersDropped() + " headers past the limit of " + limits.maxHeaderCount() + " ignored"));
    }
    if (mime.depthLimited()) {
      warnings.add(new ParseWarning("limits", "MIME nesting deeper than " + limits.maxMimeDepth() + " not walked"));
    }

    // R7.1 step 1 (and R13.2: a missing Message-ID is repaired, not rejected).
    if (!headers.contains("From")) {
      return new ParsedMail.Unparseable(MessageIds.of(headers), "Missing 'From' header", "R7.1");
    }
    if (!headers.contains("Subject")) {
      return new ParsedMail.Unparseable(MessageIds.of(headers), "Missing 'Subject' header", "R7.1");
    }
    String msgid = MessageIds.of(headers);
    if (msgid == null) {
      msgid = MessageIds.synthetic(bytes);
      warnings.add(new ParseWarning("R1.1", "no usable Message-ID; synthetic " + msgid + " derived from the mail's bytes"));
    }

    // Step 2: the ignore hint (R10.1). Step 3 does not apply: the caller names the project (R2.1).
    Optional<String> hint = HeaderCleaner.clean(headers.get("X-Patchwork-Hint"));
    if (hint.isPresent() && hint.get().toLowerCase(Locale.ROOT).equals("ignore")) {
      return new ParsedMail.Other(msgid, "X-Patchwork-Hint: ignore");
    }

    // Step 4.
    Optional<Subject> subject = SubjectParser.parse(headers.get("Subject"), List.of(project.linkName()));
    if (subject.isEmpty()) {
      return new ParsedMail.Unparseable(msgid, "ValueError: Invalid 'Subject' header", "R5.1");
    }
    boolean reply = subject.get().reply();
    List<String> refs = References.of(headers);
    LocalDateTime date = HeaderPlumbing.date(headers);

    // Step 5.
    MailContent content = ContentExtractor.extract(mime.parts(), reply);
    if (content.diff() == null && content.comment().isEmpty()) {
      return new ParsedMail.Other(msgid, "no content");
    }
    // Step 6.
    String pullUrl = PullRequest.find(content.comment());

    Optional<String> from = HeaderCleaner.clean(headers.get("From"));
    Optional<Submitter> submitter = from.flatMap(SubmitterParser::parse);
    Submitter author = submitter.map(s -> SubmitterParser.unmangle(s, project.listEmail(), headers)).orElse(null);
    String authorError = author == null ? "ValueError: Invalid 'From' header" : null;

    Envelope envelope =
        new Envelope(
            msgid,
            refs,
            date,
            author,
            authorError,
            HeaderPlumbing.storedHeaders(headers),
            subject.get(),
            warnings);
    String stored = content.storedContent();

    // Step 7.
    if (!reply && (content.diff() != null || pullUrl != null)) {
      if (author == null) {
        return new ParsedMail.Unparseable(msgid, authorError, "R3.1");
      }
      String diff = content.diff();
      return new ParsedMail.Patch(
          envelope,
          stored,
          diff,
          diff == null ? null : PatchworkHash.hash(diff),
          pullUrl,
          Tags.count(stored),
          nonEmpty(HeaderCleaner.clean(headers.get("X-Patchwork-State"))),
          nonEmpty(HeaderCleaner.clean(headers.get("X-Patchwork-Delegate"))));
    }
    // Step 8: a cover letter candidate; without refs it is certainly one (R7.3).
    Integer number = subject.get().number();
    if (!reply && number != null && number == 0) {
      if (author == null && refs.isEmpty()) {
        return new ParsedMail.Unparseable(msgid, authorError, "R3.1");
      }
      return new ParsedMail.CoverLetter(envelope, stored);
    }
    // Step 9.
    return new ParsedMail.Comment(
        envelope, stored, Tags.count(stored), headers.contains("X-Patchwork-Action-Required"));
  }

  private static String nonEmpty(Optional<String> v) {
    return v.filter(s -> !s.isEmpty()).orElse(null);
  }

  public ParserLimits limits() {
    return limits;
  }
}
