package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.patchpipe.store.api.Urls;

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

  /** The columns {@link #read} expects, from table alias {@code a}, prefixed {@code prefix}. */
  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".name AS " + prefix + "name",
        a + ".linkname AS " + prefix + "linkname",
        a + ".listid AS " + prefix + "listid",
        a + ".listemail AS " + prefix + "listemail",
        a + ".web_url AS " + prefix + "web_url",
        a + ".scm_url AS " + prefix + "scm_url",
        a + ".webscm_url AS " + prefix + "webscm_url",
        a + ".list_archive_url AS " + prefix + "list_archive_url",
        a + ".list_archive_url_format AS " + prefix + "list_archive_url_format",
        a + ".commit_url_format AS " + prefix + "commit_url_format");
  }

  public static EmbeddedProject read(ResultSet rs, String prefix, Urls urls) throws SQLException {
    long id = rs.getLong(prefix + "id");
    return new EmbeddedProject(
        id,
        urls.api("projects/" + id + "/"),
        rs.getString(prefix + "name"),
        rs.getString(prefix + "linkname"),
        rs.getString(prefix + "listid"),
        rs.getString(prefix + "listemail"),
        nonNull(rs.getString(prefix + "web_url")),
        nonNull(rs.getString(prefix + "scm_url")),
        nonNull(rs.getString(prefix + "webscm_url")),
        nonNull(rs.getString(prefix + "list_archive_url")),
        nonNull(rs.getString(prefix + "list_archive_url_format")),
        nonNull(rs.getString(prefix + "commit_url_format")));
  }

  static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
