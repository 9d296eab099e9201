package org.patchpipe.store.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * A patch or cover comment as nested in events: its id, the patch or cover it hangs from,
 * Message-ID, date and raw header block (its subject is read from there). Immutable.
 */
public record CommentRefRow(long id, long parentId, String msgid, LocalDateTime date, String headers) {

  /**
   * The columns {@link #readNullable} expects, prefixed {@code prefix}: from the patch comment
   * alias {@code patchComment} or, where that is null, the cover comment alias {@code coverComment}
   * (an event links one of the two).
   */
  static String columns(String patchComment, String coverComment, String prefix) {
    return String.join(", ",
        "COALESCE(" + patchComment + ".id, " + coverComment + ".id) AS " + prefix + "id",
        "COALESCE(" + patchComment + ".patch_id, " + coverComment + ".cover_id) AS " + prefix + "parent_id",
        "COALESCE(" + patchComment + ".msgid, " + coverComment + ".msgid) AS " + prefix + "msgid",
        "COALESCE(" + patchComment + ".date, " + coverComment + ".date) AS " + prefix + "date",
        "COALESCE(" + patchComment + ".headers, " + coverComment + ".headers) AS " + prefix + "headers");
  }

  /** The comment, or null where the event links none. */
  static CommentRefRow readNullable(ResultSet rs, String prefix) throws SQLException {
    long id = rs.getLong(prefix + "id");
    if (rs.wasNull()) {
      return null;
    }
    return new CommentRefRow(id, rs.getLong(prefix + "parent_id"), rs.getString(prefix + "msgid"),
        rs.getTimestamp(prefix + "date").toLocalDateTime(), rs.getString(prefix + "headers"));
  }
}
