package org.patchpipe.store.api.cover;

import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;

/** A cover letter in detail: the list keys, then {@code headers} and {@code content}. */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record CoverDetailJson(
    long id,
    String url,
    String webUrl,
    EmbeddedProject project,
    String msgid,
    String listArchiveUrl,
    String date,
    String name,
    EmbeddedPerson submitter,
    String mbox,
    List<EmbeddedSeries> series,
    String comments,
    Map<String, Object> headers,
    String content) {

  static CoverDetailJson of(CoverJson c, Map<String, Object> headers, String content) {
    return new CoverDetailJson(
        c.id(), c.url(), c.webUrl(), c.project(), c.msgid(), c.listArchiveUrl(), c.date(), c.name(),
        c.submitter(), c.mbox(), c.series(), c.comments(), headers, content);
  }
}
