package org.patchpipe.store.api.patch;

import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * A patch in detail ({@code PatchDetailSerializer}, API 1.2): the list keys, then
 * {@code headers}, {@code content}, {@code diff} and {@code prefixes}. Key for key the shape of
 * {@code seed-patch.json}.
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record PatchDetailJson(
    long id,
    String url,
    String webUrl,
    EmbeddedProject project,
    String msgid,
    String listArchiveUrl,
    String date,
    String name,
    String commitRef,
    String pullUrl,
    String state,
    boolean archived,
    String hash,
    EmbeddedPerson submitter,
    EmbeddedUser delegate,
    String mbox,
    List<EmbeddedSeries> series,
    String comments,
    String check,
    String checks,
    Map<String, Object> tags,
    List<EmbeddedSubmission> related,
    Map<String, Object> headers,
    String content,
    String diff,
    List<String> prefixes) {

  static PatchDetailJson of(
      PatchJson p, Map<String, Object> headers, String content, String diff, List<String> prefixes) {
    return new PatchDetailJson(
        p.id(), p.url(), p.webUrl(), p.project(), p.msgid(), p.listArchiveUrl(), p.date(), p.name(),
        p.commitRef(), p.pullUrl(), p.state(), p.archived(), p.hash(), p.submitter(), p.delegate(),
        p.mbox(), p.series(), p.comments(), p.check(), p.checks(), p.tags(), p.related(), headers,
        content, diff, prefixes);
  }
}
