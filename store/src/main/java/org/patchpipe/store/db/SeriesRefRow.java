package org.patchpipe.store.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/** A series as nested in patches, covers, events and other revisions; the date may be null. Immutable. */
public record SeriesRefRow(long id, LocalDateTime date, String name, int version) {
  /** The columns {@link #readNullable} expects, from table alias {@code a}, prefixed {@code prefix}. */
  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".date AS " + prefix + "date",
        a + ".name AS " + prefix + "name",
        a + ".version AS " + prefix + "version");
  }

  /** The series, or null where the (outer-joined) id column is null. */
  public static SeriesRefRow readNullable(ResultSet rs, String prefix) throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    Timestamp date = rs.getTimestamp(prefix + "date");
    return new SeriesRefRow(id, date == null ? null : date.toLocalDateTime(), rs.getString(prefix + "name"),
        rs.getInt(prefix + "version"));
  }
}
