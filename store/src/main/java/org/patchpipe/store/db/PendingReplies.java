package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.parser.series.SeriesState.PendingReply;

/**
 * The {@code pending_reply} tables: replies whose parent has not arrived, kept with their parsed
 * mail and their references in order (patchpipe's improvement on R7.4). Writes go into the
 * journal's batches; a project's replies are read back when a restarted store loads it. Not
 * thread-safe: shares its caller's connection and transaction.
 */
final class PendingReplies {
  private final DeferredWrites writes;
  private final ParsedMailJson json;

  PendingReplies(DeferredWrites writes, ParsedMailJson json) {
    this.writes = writes;
    this.json = json;
  }

  /** Journals the reply's row (rank {@code replyRank}) and its reference rows (rank {@code refRank}). */
  void add(PendingReply reply, int replyRank, int refRank) throws SQLException {
    writes.add(replyRank, "INSERT INTO pending_reply (id, project_id, msgid, kind, mail, date, arrival)"
        + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)", reply.id(), reply.projectId(), truncate(reply.mail().msgid()),
        ParsedMailJson.kind(reply.mail()), json.write(reply.mail()), reply.date(), reply.arrival());
    List<String> refs = reply.references();
    for (int i = 0; i < refs.size(); i++) {
      writes.add(refRank, "INSERT INTO pending_reply_ref (pending_reply_id, position, project_id, msgid)"
          + " VALUES (?, ?, ?, ?)", reply.id(), i, reply.projectId(), truncate(refs.get(i)));
    }
  }

  /** The project's kept replies, in id order. */
  static List<PendingReply> load(StatementCache sql, ParsedMailJson json, long projectId) throws SQLException {
    PreparedStatement ps = sql.get("SELECT p.id, p.kind, p.mail::text, p.date, p.arrival,"
        + " (SELECT array_agg(r.msgid ORDER BY r.position) FROM pending_reply_ref r WHERE r.pending_reply_id = p.id)"
        + " FROM pending_reply p WHERE p.project_id = ? ORDER BY p.id");
    ps.setLong(1, projectId);
    List<PendingReply> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        java.sql.Array refs = rs.getArray(6);
        found.add(new PendingReply(rs.getLong(1), projectId,
            refs == null ? List.of() : List.of((String[]) refs.getArray()),
            json.read(rs.getString(2), rs.getString(3)), rs.getObject(4, LocalDateTime.class), rs.getLong(5)));
      }
    }
    return found;
  }

  private static String truncate(String msgid) {
    return msgid == null || msgid.length() <= 255 ? msgid : msgid.substring(0, 255);
  }
}
