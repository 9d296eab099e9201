package org.patchpipe.parser.mail;

import java.util.List;

/**
 * A mail split into its top-level headers and its MIME entities in pre-order (R0.1): {@code
 * parts().get(0)} is the message itself. {@code headersDropped} counts headers ignored past
 * {@code ParserLimits.maxHeaderCount}; {@code depthLimited} says nesting past {@code maxMimeDepth}
 * was not walked. Immutable.
 */
public record MimeMessage(
    MailHeaders headers, List<MimePart> parts, int headersDropped, boolean depthLimited) {
  public MimeMessage {
    parts = List.copyOf(parts);
  }
}
