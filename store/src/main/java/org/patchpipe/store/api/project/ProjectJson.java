package org.patchpipe.store.api.project;

import java.util.List;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/** A project as {@code /projects/} renders it (Patchwork's {@code ProjectSerializer}, API 1.2). */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record ProjectJson(
    long id,
    String url,
    String name,
    String linkName,
    String listId,
    String listEmail,
    String webUrl,
    String scmUrl,
    String webscmUrl,
    List<EmbeddedUser> maintainers,
    String subjectMatch,
    String listArchiveUrl,
    String listArchiveUrlFormat,
    String commitUrlFormat,
    boolean showDependencies) {}
