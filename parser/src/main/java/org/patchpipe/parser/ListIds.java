package org.patchpipe.parser;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchpipe.parser.mail.HeaderCleaner;
import org.patchpipe.parser.mail.MailHeaders;

/**
 * The one reading of the list a mail was sent to (R2.2): the headers {@code List-ID}, {@code
 * X-Mailing-List} and {@code X-list}, in that order, each only if present (its first occurrence),
 * each cleaned ({@code CH}) and reduced to the last {@code <...>} group, else to a single token
 * without whitespace, else skipped. Patchwork looks a project up for each candidate in turn; the
 * stateless callers ({@code patchpipe parse}, {@code replay}, the IMAP daemon) have no project
 * table and take the first candidate, so both put a mail in the same project.
 *
 * <pre>{@code
 * Optional<String> list = ListIds.find(raw); // e.g. "openrisc.lists.librecores.org"
 * }</pre>
 *
 * <p>Reads only the header block. Stateless and thread-safe; never throws for bad mail.
 */
public final class ListIds {
  private static final String[] HEADERS = {"List-ID", "X-Mailing-List", "X-list"};
  private static final Pattern BRACKETED = Pattern.compile("(?s).*<([^>]+)>.*");
  private static final Pattern TOKEN = Pattern.compile("^(\\S+)$");

  private ListIds() {}

  /** The first list id candidate of {@code raw}, without angle brackets, or empty where none. */
  public static Optional<String> find(RawMessage raw) {
    MailHeaders headers = HeaderBlock.of(raw, HEADERS);
    for (String name : HEADERS) {
      Optional<String> id = candidate(headers.get(name));
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> candidate(String rawValue) {
    Optional<String> h = HeaderCleaner.clean(rawValue);
    if (h.isEmpty() || h.get().isEmpty()) {
      return Optional.empty();
    }
    Matcher bracketed = BRACKETED.matcher(h.get());
    if (bracketed.matches()) {
      return Optional.of(bracketed.group(1));
    }
    Matcher token = TOKEN.matcher(h.get());
    return token.matches() ? Optional.of(token.group(1)) : Optional.empty();
  }
}
