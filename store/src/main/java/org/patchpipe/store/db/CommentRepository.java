package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * The comments on patches ({@code patch_comment}) and on cover letters ({@code cover_comment}),
 * read for the API; the consumer writes them as mail arrives. Runs on the caller's connection;
 * fails with {@link SQLException}.
 */
public final class CommentRepository {
  /** The patch or cover comments hang from: its project's list archive URL format (may be null). */
  public record ParentRow(String listArchiveUrlFormat) {}

  /** A comment; {@code addressed} null where never set, {@code headers} the raw header block. */
  public record CommentRow(long id, String msgid, LocalDateTime date, String headers, String content,
      Boolean addressed, SubmitterRow submitter) {}

  private static final Ordering ORDERING = new Ordering(Map.of("id", "m.id", "date", "m.date"), "id");

  private final Connection connection;

  public CommentRepository(Connection connection) {
    this.connection = connection;
  }

  /** The patch or cover {@code parentId}, if it exists. */
  public Optional<ParentRow> parent(SubmissionKind parent, long parentId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT pr.list_archive_url_format FROM " + parent.table() + " x JOIN project pr ON pr.id = x.project_id"
            + " WHERE x.id = ?")) {
      ps.setLong(1, parentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new ParentRow(rs.getString(1))) : Optional.empty();
      }
    }
  }

  /** The comments of one patch or cover, in {@code order} (null: by id). */
  public ListQuery<CommentRow> list(SubmissionKind parent, long parentId, String order) {
    SqlFilter filter = new SqlFilter().where("m." + parent.commentColumn() + " = ?", parentId);
    String from = " FROM " + parent.commentTable() + " m JOIN person s ON s.id = m.submitter_id";
    return new ListQuery<>(
        "SELECT count(*)" + from,
        "SELECT m.id, m.msgid, m.date, m.headers, m.content, m.addressed, " + SubmitterRow.columns("s", "s_") + from,
        filter, ORDERING.sql(order, "m.id"), CommentRepository::row);
  }

  private static CommentRow row(ResultSet rs) throws SQLException {
    boolean addressed = rs.getBoolean("addressed");
    Boolean addressedOrNull = rs.wasNull() ? null : addressed;
    return new CommentRow(rs.getLong("id"), rs.getString("msgid"), rs.getTimestamp("date").toLocalDateTime(),
        rs.getString("headers"), rs.getString("content"), addressedOrNull, SubmitterRow.read(rs, "s_"));
  }
}
