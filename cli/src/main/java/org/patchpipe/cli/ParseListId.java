package org.patchpipe.cli;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpipe.parser.RawMessage;

/**
 * Finds a message's list id the way Patchwork picks a project candidate from {@code List-Id}
 * (R2.2: the last {@code <...>} group, else a single token), so that {@code patchpipe parse} needs
 * no {@code --list-id} for list archives. Only the header block is read. Stateless.
 */
final class ParseListId {
  private static final Pattern LIST_ID =
      Pattern.compile("^list-id:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern BRACKETED = Pattern.compile("(?s).*<([^>]+)>.*");
  private static final Pattern TOKEN = Pattern.compile("^(\\S+)$");

  private ParseListId() {}

  static Optional<String> find(RawMessage raw) {
    String head = headerBlock(raw);
    Matcher m = LIST_ID.matcher(head);
    if (!m.find()) {
      return Optional.empty();
    }
    String value = m.group(1).replaceAll("\\s+", " ").strip();
    Matcher bracketed = BRACKETED.matcher(value);
    if (bracketed.matches()) {
      return Optional.of(bracketed.group(1));
    }
    Matcher token = TOKEN.matcher(value);
    return token.matches() ? Optional.of(token.group(1)) : Optional.empty();
  }

  private static String headerBlock(RawMessage raw) {
    int limit = Math.min(raw.size(), 256 * 1024);
    byte[] bytes = new byte[limit];
    raw.copyTo(0, bytes, 0, limit);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\n\n");
    int crlf = text.indexOf("\r\n\r\n");
    if (crlf >= 0 && (end < 0 || crlf < end)) {
      end = crlf;
    }
    return end < 0 ? text : text.substring(0, end);
  }
}
