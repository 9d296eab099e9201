package org.patchpipe.store.web;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.db.SubmitterRow;

/**
 * What the patch and cover pages show of one mail: who sent it and when, the headers a reader
 * looks for first, the whole header block (folded, behind a disclosure) and the text with its tag
 * lines. Comments are shown the same way. Immutable.
 *
 * @param id the patch's, cover's or comment's id (the comment's anchor)
 * @param from the sender's name, else address
 * @param date Patchwork's stored date, to the second
 * @param keyHeaders From, To, Cc, Date, Subject and Message-ID as sent, in that order, where present
 * @param headers the whole header block as stored
 * @param content the text; a patch's commit message
 * @param tags the Acked-by, Reviewed-by and Tested-by lines of the text (R9)
 * @param addressed a comment's "addressed" mark (null: never set, or not a comment)
 */
public record MailView(long id, String from, String date, List<Header> keyHeaders, String headers, String content,
    List<String> tags, Boolean addressed) {
  private static final List<String> KEY_HEADERS = List.of("From", "To", "Cc", "Date", "Subject", "Message-ID");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One header: its name as the list above spells it, its value as sent, folds kept. */
  public record Header(String name, String value) {}

  public MailView {
    keyHeaders = List.copyOf(keyHeaders);
    tags = List.copyOf(tags);
  }

  static MailView of(long id, SubmitterRow from, LocalDateTime date, String headers, String content,
      Boolean addressed) {
    return new MailView(id, displayName(from), date.format(DATE), keyHeaders(headers),
        headers == null ? "" : headers, content == null ? "" : content, Tags.lines(content), addressed);
  }

  /** A person as Patchwork shows one: the name, else the address. */
  static String displayName(SubmitterRow person) {
    return person.name() == null || person.name().isBlank() ? person.email() : person.name();
  }

  private static List<Header> keyHeaders(String stored) {
    Map<String, Object> all = ApiHeaders.render(stored);
    List<Header> out = new ArrayList<>();
    for (String wanted : KEY_HEADERS) {
      for (Map.Entry<String, Object> e : all.entrySet()) {
        if (e.getKey().equalsIgnoreCase(wanted)) {
          Object value = e.getValue();
          out.add(new Header(wanted, value instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(value)));
          break;
        }
      }
    }
    return out;
  }
}
