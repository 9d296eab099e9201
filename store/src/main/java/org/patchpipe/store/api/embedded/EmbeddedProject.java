package org.patchpipe.store.api.embedded;

import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.ProjectRow;

/** A project as nested in patches, covers, series and events (API 1.2 keys). */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record EmbeddedProject(
    long id,
    String url,
    String name,
    String linkName,
    String listId,
    String listEmail,
    String webUrl,
    String scmUrl,
    String webscmUrl,
    String listArchiveUrl,
    String listArchiveUrlFormat,
    String commitUrlFormat) {

  /** The project as nested, unset web fields served as empty strings. */
  public static EmbeddedProject of(ProjectRow p, Urls urls) {
    return new EmbeddedProject(
        p.id(),
        urls.api("projects/" + p.id() + "/"),
        p.name(),
        p.linkName(),
        p.listId(),
        p.listEmail(),
        nonNull(p.webUrl()),
        nonNull(p.scmUrl()),
        nonNull(p.webscmUrl()),
        nonNull(p.listArchiveUrl()),
        nonNull(p.listArchiveUrlFormat()),
        nonNull(p.commitUrlFormat()));
  }

  static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
