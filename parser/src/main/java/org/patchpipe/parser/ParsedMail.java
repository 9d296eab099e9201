package org.patchpipe.parser;

/**
 * What one mail is, judged on its own (R7 without the database): a {@link Patch}, a
 * {@link CoverLetter} candidate, a {@link Comment} candidate, {@link Other} (Patchwork keeps
 * nothing) or {@link Unparseable} (Patchwork rejects it). Whether a cover letter stays one and which
 * patch or cover a comment belongs to depends on earlier mail: {@code parser.series} decides that.
 * The three kinds Patchwork keeps a row of are {@link Kept}: code that needs only their envelope or
 * text asks {@code mail instanceof ParsedMail.Kept kept} once instead of testing each kind.
 */
public sealed interface ParsedMail permits ParsedMail.Kept, ParsedMail.Other, ParsedMail.Unparseable {

  /** The Message-ID (R1.1), or null where the mail has none usable. */
  String msgid();

  /**
   * A mail Patchwork keeps a row of (a {@link Patch}, {@link CoverLetter} or {@link Comment}): it
   * has an {@link Envelope} and a text, whichever of the three it is.
   */
  sealed interface Kept extends ParsedMail permits Patch, CoverLetter, Comment {
    /** The headers, references, date, submitter and subject (R1, R3, R4, R5, R12). */
    Envelope envelope();

    /** The stored text: the commit message of a patch, the body of a cover or comment (R6.6). */
    String content();

    @Override
    default String msgid() {
      return envelope().msgid();
    }
  }

  /**
   * A patch (R7.2): not a reply, with a diff or a pull request.
   *
   * @param content the commit message (cleaned comment, R6.6)
   * @param diff the diff (R6.4), or null for a pull request without one
   * @param hash Patchwork's diff hash (R8), null where diff is null
   * @param pullUrl the pull request URL (R6.8), or null
   * @param tags the tag counts of {@code content} alone
   * @param state the X-Patchwork-State header value (R10.2), or null
   * @param delegate the X-Patchwork-Delegate header value (R10.3), or null
   */
  record Patch(
      Envelope envelope,
      String content,
      String diff,
      String hash,
      String pullUrl,
      Tags tags,
      String state,
      String delegate)
      implements Kept {}

  /** A {@code 0/n} mail without a diff (R7.3): a cover letter unless its refs say otherwise. */
  record CoverLetter(Envelope envelope, String content) implements Kept {}

  /**
   * Any other mail with text: a comment if one of its references reaches a patch or cover (R7.4).
   *
   * @param actionRequired X-Patchwork-Action-Required was present (R10.4)
   */
  record Comment(Envelope envelope, String content, Tags tags, boolean actionRequired)
      implements Kept {}

  /** A mail Patchwork keeps nothing of (hint ignore, no text). {@code reason} says which. */
  record Other(String msgid, String reason) implements ParsedMail {}

  /**
   * A mail Patchwork rejects (R7.1): {@code reason} in Patchwork's words where it has them
   * ({@code ValueError: Invalid 'From' header}), {@code ruleId} the rule (e.g. {@code R1.1}).
   */
  record Unparseable(String msgid, String reason, String ruleId) implements ParsedMail {}
}
