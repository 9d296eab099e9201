package org.patchpipe.store.api.comment;

import java.util.List;
import java.util.Map;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.db.CommentRepository;
import org.patchpipe.store.db.CommentRepository.CommentRow;
import org.patchpipe.store.db.SubmissionKind;

/**
 * The comments of one patch or one cover letter: Patchwork's {@code PatchCommentList} and
 * {@code CoverCommentList} (404 when the patch or cover does not exist).
 */
public final class CommentHandler {

  /** Which parent the comments hang from, and where its comments are served. */
  public enum Parent {
    PATCH(SubmissionKind.PATCH, "patches"),
    COVER(SubmissionKind.COVER, "covers");

    private final SubmissionKind stored;
    private final String apiPath;

    Parent(SubmissionKind stored, String apiPath) {
      this.stored = stored;
      this.apiPath = apiPath;
    }
  }

  private final ApiDatabase db;
  private final Parent parent;

  public CommentHandler(ApiDatabase db, Parent parent) {
    this.db = db;
    this.parent = parent;
  }

  public ApiResponse list(ApiRequest request) {
    long parentId = request.idParam(0);
    String format = db.read(connection -> new CommentRepository(connection).parent(parent.stored, parentId))
        .orElseThrow(ApiException::notFound).listArchiveUrlFormat();
    String listPath = parent.apiPath + "/" + parentId + "/comments/";
    return Listing.respond(request, db, false,
        connection -> new CommentRepository(connection).list(parent.stored, parentId, request.query().get("order")),
        (connection, rows) -> rows.stream().map(row -> json(row, request.urls(), format, listPath)).toList());
  }

  private static CommentJson json(CommentRow row, Urls urls, String archiveFormat, String listPath) {
    Map<String, Object> headers = row.headers() == null || row.headers().isEmpty()
        ? Map.of() : ApiHeaders.render(row.headers());
    return new CommentJson(
        row.id(),
        urls.api(listPath + row.id() + "/"),
        urls.site("/comment/" + row.id() + "/"),
        row.msgid(),
        Urls.listArchiveUrl(archiveFormat, row.msgid()),
        Dates.iso(row.date()),
        subject(headers),
        EmbeddedPerson.of(row.submitter(), urls),
        row.content(),
        headers,
        row.addressed());
  }

  /** The first {@code Subject} value (any case of the name), or empty (R12.4). */
  private static String subject(Map<String, Object> headers) {
    for (Map.Entry<String, Object> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("subject")) {
        Object value = e.getValue();
        return value instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(value);
      }
    }
    return "";
  }
}
