package org.patchpipe.store.api.comment;

import java.sql.SQLException;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.db.CommentRepository;
import org.patchpipe.store.db.CommentRepository.CommentRow;
import org.patchpipe.store.db.SubmissionKind;

/**
 * The comments of one patch or one cover letter: Patchwork's {@code PatchCommentList} and
 * {@code CoverCommentList} (404 when the patch or cover does not exist), and from API 1.3 on its
 * {@code PatchCommentDetail} and {@code CoverCommentDetail}: one comment, whose {@code addressed}
 * flag {@code PUT} and {@code PATCH} set for a user who may edit the comment (see
 * {@link CommentRepository#editableBy}).
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

    /** The API link of one of its comments. */
    String commentUrl(Urls urls, long parentId, long commentId) {
      return urls.api(apiPath + "/" + parentId + "/comments/" + commentId + "/");
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
    String format = db.read(connection -> parentFormat(new CommentRepository(connection), parentId));
    return Listing.respond(request, db, false,
        connection -> new CommentRepository(connection).list(parent.stored, parentId, request.query().get("order")),
        (connection, rows) -> rows.stream().map(row -> json(row, request.urls(), format, parentId)).toList());
  }

  /** {@code GET /patches/<id>/comments/<comment>/} (or a cover's). */
  public ApiResponse detail(ApiRequest request) {
    long parentId = request.idParam(0);
    long commentId = request.idParam(1);
    CommentJson comment = db.read(connection -> {
      CommentRepository comments = new CommentRepository(connection);
      String format = parentFormat(comments, parentId);
      CommentRow row = comments.find(parent.stored, parentId, commentId).orElseThrow(ApiException::notFound);
      return json(row, request.urls(), format, parentId);
    });
    return ApiResponse.json(200, Json.write(comment, request.urls()), Map.of());
  }

  /**
   * {@code PUT} or {@code PATCH} of a comment: only {@code addressed} is writable (true, false or
   * null; absent leaves it as it is, also for {@code PUT}, as the field is not required).
   */
  public ApiResponse update(ApiRequest request) {
    long parentId = request.idParam(0);
    long commentId = request.idParam(1);
    CommentJson comment = db.write(connection -> {
      CommentRepository comments = new CommentRepository(connection);
      String format = parentFormat(comments, parentId);
      comments.lock(parent.stored, parentId, commentId).orElseThrow(ApiException::notFound);
      // As DRF's get_object(): not found, then not allowed, before the body is read.
      long userId = request.user().orElseThrow(ApiException::notAuthenticated).id();
      if (!comments.editableBy(parent.stored, commentId, userId)) {
        throw ApiException.forbidden();
      }
      CommentUpdate update = CommentUpdate.parse(request.bodyTree());
      if (update.hasAddressed()) {
        comments.setAddressed(parent.stored, commentId, update.addressed());
      }
      CommentRow row = comments.find(parent.stored, parentId, commentId).orElseThrow();
      return json(row, request.urls(), format, parentId);
    });
    return ApiResponse.json(200, Json.write(comment, request.urls()), Map.of());
  }

  private String parentFormat(CommentRepository comments, long parentId) throws SQLException {
    return comments.parent(parent.stored, parentId).orElseThrow(ApiException::notFound).listArchiveUrlFormat();
  }

  private CommentJson json(CommentRow row, Urls urls, String archiveFormat, long parentId) {
    Map<String, Object> headers = CommentJson.headers(row.headers());
    return new CommentJson(
        row.id(),
        parent.commentUrl(urls, parentId, row.id()),
        CommentJson.webUrl(urls, row.id()),
        row.msgid(),
        Urls.listArchiveUrl(archiveFormat, row.msgid()),
        Dates.iso(row.date()),
        CommentJson.subject(headers),
        EmbeddedPerson.of(row.submitter(), urls),
        row.content(),
        headers,
        row.addressed());
  }
}
