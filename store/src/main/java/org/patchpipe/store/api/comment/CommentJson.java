package org.patchpipe.store.api.comment;

import java.util.List;
import java.util.Map;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;

/**
 * A comment ({@code CommentListSerializer}): {@code subject} is the first stored {@code Subject}
 * header exactly as stored (still RFC 2047-encoded and folded, R12.4). {@code url} and
 * {@code addressed} exist from API 1.3 on (see {@link org.patchpipe.store.api.VersionedFields}).
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record CommentJson(
    long id,
    String url,
    String webUrl,
    String msgid,
    String listArchiveUrl,
    String date,
    String subject,
    EmbeddedPerson submitter,
    String content,
    Map<String, Object> headers,
    Boolean addressed) {

  /** A comment's web link: patch and cover comments share {@code /comment/<id>/} (R12.6). */
  static String webUrl(Urls urls, long commentId) {
    return urls.site("/comment/" + commentId + "/");
  }

  /** The first {@code Subject} value (any case of the name) of rendered headers, or empty (R12.4). */
  static String subject(Map<String, Object> headers) {
    for (Map.Entry<String, Object> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("subject")) {
        Object value = e.getValue();
        return value instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(value);
      }
    }
    return "";
  }

  /** Rendered headers of a stored header block (empty for none). */
  static Map<String, Object> headers(String stored) {
    return stored == null || stored.isEmpty() ? Map.of() : ApiHeaders.render(stored);
  }
}
