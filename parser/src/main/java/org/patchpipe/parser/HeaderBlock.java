package org.patchpipe.parser;

import java.util.Arrays;
import org.patchpipe.parser.mail.MailHeaders;
import org.patchpipe.parser.mail.MimeWalker;

/**
 * The top header block of raw mail, read exactly as {@link MailParser} reads it (universal
 * newlines, then {@link MimeWalker}'s header rules) but without walking the body: what {@link
 * MessageIds} and {@link ListIds} look at before, or instead of, a parse. Only the headers asked
 * for become text, and the header block is copied only when it holds a CR: cheap enough to run on
 * every mail before its parse. Stateless.
 */
final class HeaderBlock {
  /** How far a mail too large to parse is searched for its headers. */
  private static final int OVERSIZED_SCAN = 1 << 20;

  private HeaderBlock() {}

  /** The headers named {@code names} of {@code raw}, under the default limits. */
  static MailHeaders of(RawMessage raw, String... names) {
    return of(raw.array(), ParserLimits.DEFAULT, names);
  }

  /**
   * The headers named {@code names} (ASCII, any case) of {@code bytes}; of a mail over the size
   * limit only its first MiB is read.
   */
  static MailHeaders of(byte[] bytes, ParserLimits limits, String... names) {
    int limit = bytes.length > limits.maxMessageBytes() ? Math.min(bytes.length, OVERSIZED_SCAN) : bytes.length;
    int end = limit;
    boolean cr = false;
    for (int i = 0; i < limit; i++) {
      byte b = bytes[i];
      if (b == '\r') {
        cr = true;
        if (i + 1 < limit && bytes[i + 1] == '\r') {
          end = i + 1;
          break;
        }
      } else if (b == '\n' && i + 1 < limit && (bytes[i + 1] == '\n' || bytes[i + 1] == '\r')) {
        // The first empty line ends the header block whatever the line endings are.
        end = i + 1;
        break;
      }
    }
    byte[] head = cr || limit < bytes.length ? UniversalNewlines.apply(Arrays.copyOf(bytes, end)) : bytes;
    return MimeWalker.headers(head, limits.maxHeaderCount(), names);
  }
}
