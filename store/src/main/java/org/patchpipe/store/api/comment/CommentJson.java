package org.patchpipe.store.api.comment;

import java.util.Map;
import org.patchpipe.store.api.embedded.EmbeddedPerson;

/**
 * A comment (API 1.2 {@code CommentListSerializer}): {@code subject} is the first stored
 * {@code Subject} header exactly as stored (still RFC 2047-encoded and folded, R12.4).
 */
public record CommentJson(
    long id,
    String webUrl,
    String msgid,
    String listArchiveUrl,
    String date,
    String subject,
    EmbeddedPerson submitter,
    String content,
    Map<String, Object> headers) {}
