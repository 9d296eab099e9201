package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.series.SeriesState.PendingReply;

/**
 * The {@code pending_reply} tables: replies whose parent has not arrived, kept with their parsed
 * mail and looked up by any of their references (patchpipe's improvement on R7.4). Not
 * thread-safe: shares its caller's connection and transaction.
 */
final class PendingReplies {
  private final StatementCache sql;
  private final ParsedMailJson json;

  PendingReplies(StatementCache sql, ParsedMailJson json) {
    this.sql = sql;
    this.json = json;
  }

  PendingReply add(long projectId, List<String> references, ParsedMail mail, LocalDateTime date, long arrival) {
    return PgSeriesState.run(() -> {
      PreparedStatement ps = sql.get("INSERT INTO pending_reply (project_id, msgid, kind, mail, date, arrival)"
          + " VALUES (?, ?, ?, ?::jsonb, ?, ?) RETURNING id");
      ps.setLong(1, projectId);
      ps.setString(2, truncate(mail.msgid()));
      ps.setString(3, ParsedMailJson.kind(mail));
      ps.setString(4, json.write(mail));
      ps.setObject(5, date);
      ps.setLong(6, arrival);
      long id = PgSeriesState.returnedId(ps);
      PreparedStatement ref = sql.get(
          "INSERT INTO pending_reply_ref (pending_reply_id, position, project_id, msgid) VALUES (?, ?, ?, ?)");
      for (int i = 0; i < references.size(); i++) {
        ref.setLong(1, id);
        ref.setInt(2, i);
        ref.setLong(3, projectId);
        ref.setString(4, truncate(references.get(i)));
        ref.addBatch();
      }
      ref.executeBatch();
      return new PendingReply(id, projectId, references, mail, date, arrival);
    });
  }

  List<PendingReply> take(long projectId, String msgid) {
    return PgSeriesState.run(() -> {
      PreparedStatement ps = sql.get("DELETE FROM pending_reply p WHERE p.project_id = ? AND p.id IN"
          + " (SELECT r.pending_reply_id FROM pending_reply_ref r WHERE r.project_id = ? AND r.msgid = ?)"
          // The statement's snapshot still sees the reference rows the cascade removes.
          + " RETURNING p.id, p.kind, p.mail::text, p.date, p.arrival, (SELECT array_agg(r.msgid ORDER BY r.position)"
          + " FROM pending_reply_ref r WHERE r.pending_reply_id = p.id)");
      ps.setLong(1, projectId);
      ps.setLong(2, projectId);
      ps.setString(3, msgid);
      Map<Long, Object[]> rows = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3),
              rs.getObject(4, LocalDateTime.class), rs.getLong(5), references(rs.getArray(6))});
        }
      }
      List<PendingReply> taken = new ArrayList<>();
      for (Map.Entry<Long, Object[]> row : rows.entrySet()) {
        Object[] v = row.getValue();
        ParsedMail mail = json.read((String) v[0], (String) v[1]);
        @SuppressWarnings("unchecked")
        List<String> refs = (List<String>) v[4];
        taken.add(new PendingReply(row.getKey(), projectId, refs, mail, (LocalDateTime) v[2], (Long) v[3]));
      }
      taken.sort((a, b) -> Long.compare(a.arrival(), b.arrival()));
      return taken;
    });
  }

  private static List<String> references(java.sql.Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return List.of((String[]) array.getArray());
  }

  private static String truncate(String msgid) {
    return msgid == null || msgid.length() <= 255 ? msgid : msgid.substring(0, 255);
  }
}
