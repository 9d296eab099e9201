package org.patchpipe.store.api.comment;

import java.util.Map;
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
    Boolean addressed) {}
