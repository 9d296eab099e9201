package org.patchpipe.parser.content;

/**
 * What Patchwork extracts from a mail's text parts (R6): the diff (null where none) and the
 * cleaned comment (never null; CRLF kept, as before saving). Immutable.
 */
public record MailContent(String diff, String comment) {
  /** The comment as Patchwork stores it (R6.9): CRLF turned into LF. */
  public String storedContent() {
    return comment.indexOf('\r') < 0 ? comment : comment.replace("\r\n", "\n");
  }
}
