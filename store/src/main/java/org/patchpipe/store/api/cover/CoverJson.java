package org.patchpipe.store.api.cover;

import java.util.List;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;

/** A cover letter in a list ({@code CoverListSerializer}, API 1.2). */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record CoverJson(
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
    String comments) {}
