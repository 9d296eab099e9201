package org.patchpipe.store.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A project row as the API serves it, alone or nested in patches, covers, series and events.
 * The optional web fields are null where unset; {@code showDependencies} says whether its series
 * show their dependencies (API 1.4). Immutable.
 */
public record ProjectRow(
    long id,
    String name,
    String linkName,
    String listId,
    String listEmail,
    String webUrl,
    String scmUrl,
    String webscmUrl,
    String listArchiveUrl,
    String listArchiveUrlFormat,
    String commitUrlFormat,
    String subjectMatch,
    boolean showDependencies) {

  /** The columns {@link #read} expects, from table alias {@code a}, prefixed {@code prefix}. */
  public static String columns(String a, String prefix) {
    StringBuilder sql = new StringBuilder();
    for (String column : new String[] {"id", "name", "linkname", "listid", "listemail", "web_url", "scm_url",
        "webscm_url", "list_archive_url", "list_archive_url_format", "commit_url_format", "subject_match",
        "show_dependencies"}) {
      sql.append(sql.length() == 0 ? "" : ", ").append(a).append('.').append(column)
          .append(" AS ").append(prefix).append(column);
    }
    return sql.toString();
  }

  /** Reads the columns of {@link #columns} with this prefix. */
  public static ProjectRow read(ResultSet rs, String prefix) throws SQLException {
    return new ProjectRow(
        rs.getLong(prefix + "id"),
        rs.getString(prefix + "name"),
        rs.getString(prefix + "linkname"),
        rs.getString(prefix + "listid"),
        rs.getString(prefix + "listemail"),
        rs.getString(prefix + "web_url"),
        rs.getString(prefix + "scm_url"),
        rs.getString(prefix + "webscm_url"),
        rs.getString(prefix + "list_archive_url"),
        rs.getString(prefix + "list_archive_url_format"),
        rs.getString(prefix + "commit_url_format"),
        rs.getString(prefix + "subject_match"),
        rs.getBoolean(prefix + "show_dependencies"));
  }
}
