package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;

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

  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".msgid AS " + prefix + "msgid",
        a + ".date AS " + prefix + "date",
        a + ".name AS " + prefix + "name");
  }

  public static EmbeddedSubmission readNullable(
      ResultSet rs, String prefix, Kind kind, String linkName, String archiveFormat, Urls urls)
      throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    String msgid = rs.getString(prefix + "msgid");
    String web =
        kind == Kind.PATCH ? urls.patchWeb(linkName, msgid) : urls.coverWeb(linkName, msgid);
    return new EmbeddedSubmission(
        id,
        urls.api(kind.apiPath + "/" + id + "/"),
        web,
        msgid,
        Urls.listArchiveUrl(archiveFormat, msgid),
        Dates.iso(rs.getTimestamp(prefix + "date").toLocalDateTime()),
        rs.getString(prefix + "name"),
        web + "mbox/");
  }
}
