package org.patchpipe.store.api.embedded;

import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.db.SubmissionRow;

/**
 * A patch or a cover letter as nested in series and events: Patchwork's embedded
 * {@code PatchSerializer} and {@code CoverSerializer} have the same keys.
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record EmbeddedSubmission(
    long id,
    String url,
    String webUrl,
    String msgid,
    String listArchiveUrl,
    String date,
    String name,
    String mbox) {

  /** Which of the two it is: decides the URL paths. */
  public enum Kind {
    PATCH("patches"),
    COVER("covers");

    private final String apiPath;

    Kind(String apiPath) {
      this.apiPath = apiPath;
    }
  }

  /** The submission as nested, or null for none. */
  public static EmbeddedSubmission of(SubmissionRow row, Kind kind, String linkName, String archiveFormat, Urls urls) {
    if (row == null) {
      return null;
    }
    String web = kind == Kind.PATCH ? urls.patchWeb(linkName, row.msgid()) : urls.coverWeb(linkName, row.msgid());
    return new EmbeddedSubmission(
        row.id(),
        urls.api(kind.apiPath + "/" + row.id() + "/"),
        web,
        row.msgid(),
        Urls.listArchiveUrl(archiveFormat, row.msgid()),
        Dates.iso(row.date()),
        row.name(),
        web + "mbox/");
  }
}
