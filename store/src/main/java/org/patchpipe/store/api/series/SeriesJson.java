package org.patchpipe.store.api.series;

import java.util.List;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;

/**
 * A series as {@code /series/} renders it, list and detail alike (Patchwork's
 * {@code SeriesSerializer}, API 1.2): {@code received_total} counts the patches received,
 * {@code received_all} says whether that reaches {@code total}. {@code related} (patchpipe's, not
 * Patchwork's) lists the series' other revisions and is left out where there are none.
 * {@code dependencies} and {@code dependents} (API 1.4, R10.5) are the links of the series this one
 * depends on and of those depending on it; like Patchwork, only where the project shows
 * dependencies ({@code show_dependencies}), else null and left out.
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record SeriesJson(
    long id,
    String url,
    String webUrl,
    EmbeddedProject project,
    String name,
    String date,
    EmbeddedPerson submitter,
    int version,
    int total,
    int receivedTotal,
    boolean receivedAll,
    String mbox,
    EmbeddedSubmission coverLetter,
    List<EmbeddedSubmission> patches,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    List<String> dependencies,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    List<String> dependents,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<org.patchpipe.store.api.embedded.EmbeddedSeries> related) {}
