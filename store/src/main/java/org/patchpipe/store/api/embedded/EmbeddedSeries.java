package org.patchpipe.store.api.embedded;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;

/** A series as nested in patches, covers and events. */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record EmbeddedSeries(
    long id, String url, String webUrl, String date, String name, int version, String mbox) {

  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".date AS " + prefix + "date",
        a + ".name AS " + prefix + "name",
        a + ".version AS " + prefix + "version");
  }

  /** The series, or null where the (outer-joined) id column is null. */
  public static EmbeddedSeries readNullable(ResultSet rs, String prefix, String linkName, Urls urls)
      throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    Timestamp date = rs.getTimestamp(prefix + "date");
    return new EmbeddedSeries(
        id,
        urls.api("series/" + id + "/"),
        urls.seriesWeb(linkName, id),
        date == null ? null : Dates.iso(date.toLocalDateTime()),
        rs.getString(prefix + "name"),
        rs.getInt(prefix + "version"),
        urls.seriesMbox(id));
  }
}
