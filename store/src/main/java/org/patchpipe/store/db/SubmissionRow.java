package org.patchpipe.store.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** A patch or cover letter as nested in series, relations and events: id, Message-ID, date, name. Immutable. */
public record SubmissionRow(long id, String msgid, LocalDateTime date, String name) {
  /** The columns {@link #readNullable} expects, from table alias {@code a}, prefixed {@code prefix}. */
  public static String columns(String a, String prefix) {
    return String.join(", ",
        a + ".id AS " + prefix + "id",
        a + ".msgid AS " + prefix + "msgid",
        a + ".date AS " + prefix + "date",
        a + ".name AS " + prefix + "name");
  }

  /** The submission, or null where the (outer-joined) id column is null. */
  public static SubmissionRow readNullable(ResultSet rs, String prefix) throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    return new SubmissionRow(id, rs.getString(prefix + "msgid"), rs.getTimestamp(prefix + "date").toLocalDateTime(),
        rs.getString(prefix + "name"));
  }
}
