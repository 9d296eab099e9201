package org.patchpipe.store.api.comment;

import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.CommentRefRow;

/**
 * A comment as nested in the payload of {@code patch-comment-created} and
 * {@code cover-comment-created} events (API 1.3's {@code CommentEmbedded}): {@code name} is the
 * comment's subject, read as the comment's own {@code subject} is (R12.4).
 */
public record EmbeddedComment(
    long id,
    String url,
    String webUrl,
    String msgid,
    String listArchiveUrl,
    String date,
    String name) {

  /** The comment as nested, or null for none; {@code archiveFormat} is its project's. */
  public static EmbeddedComment of(CommentRefRow row, CommentHandler.Parent parent, String archiveFormat, Urls urls) {
    if (row == null) {
      return null;
    }
    return new EmbeddedComment(
        row.id(),
        parent.commentUrl(urls, row.parentId(), row.id()),
        CommentJson.webUrl(urls, row.id()),
        row.msgid(),
        Urls.listArchiveUrl(archiveFormat, row.msgid()),
        Dates.iso(row.date()),
        CommentJson.subject(CommentJson.headers(row.headers())));
  }
}
