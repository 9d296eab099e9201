package org.patchpipe.store.api.patch;

import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * A patch in a list ({@code PatchListSerializer}, API 1.2): the keys of the detail form up to
 * {@code related}. {@code series} is a list of zero or one series; {@code tags} is always empty,
 * as on Patchwork main.
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record PatchJson(
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
    List<EmbeddedSubmission> related) {}
