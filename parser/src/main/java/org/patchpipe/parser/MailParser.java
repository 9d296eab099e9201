package org.patchpipe.parser;

/**
 * Parses one mail as Patchwork's {@code parse_mail} would, without the database.
 *
 * <pre>{@code
 * MailParser parser = new MailParser(ParserLimits.DEFAULT);
 * ParsedMail mail = parser.parse(RawMessage.of(bytes), Project.ofListId("openrisc.lists.librecores.org"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Never throws for bad mail: broken input gives {@link
 * ParsedMail.Unparseable} with a reason.
 */
public final class MailParser {
  private final ParserLimits limits;

  public MailParser(ParserLimits limits) {
    this.limits = limits;
  }

  public ParsedMail parse(RawMessage raw, Project project) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public ParserLimits limits() {
    return limits;
  }
}
