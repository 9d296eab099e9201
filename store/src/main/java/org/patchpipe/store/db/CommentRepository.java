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
 * read for the API, and their one writable field, {@code addressed}; the consumer writes the
 * comments themselves as mail arrives. Runs on the caller's connection; fails with
 * {@link SQLException}.
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

  /** The comment {@code commentId} of the patch or cover {@code parentId}, if it hangs there. */
  public Optional<CommentRow> find(SubmissionKind parent, long parentId, long commentId) throws SQLException {
    return one(parent, parentId, commentId, "");
  }

  /** As {@link #find}, locking the comment's row for this transaction. */
  public Optional<CommentRow> lock(SubmissionKind parent, long parentId, long commentId) throws SQLException {
    return one(parent, parentId, commentId, " FOR UPDATE OF m");
  }

  private Optional<CommentRow> one(SubmissionKind parent, long parentId, long commentId, String lock)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT m.id, m.msgid, m.date, m.headers, m.content, m.addressed, " + SubmitterRow.columns("s", "s_")
            + " FROM " + parent.commentTable() + " m JOIN person s ON s.id = m.submitter_id"
            + " WHERE m.id = ? AND m." + parent.commentColumn() + " = ?" + lock)) {
      ps.setLong(1, commentId);
      ps.setLong(2, parentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Patchwork's {@code PatchComment.is_editable} and {@code CoverComment.is_editable}: the user of
   * the comment's submitter, or one who may edit what it hangs from (for a patch its submitter's
   * user, its delegate or a project maintainer; for a cover letter its submitter's user or a
   * project maintainer).
   */
  public boolean editableBy(SubmissionKind parent, long commentId, long userId) throws SQLException {
    String delegate = parent == SubmissionKind.PATCH ? " OR x.delegate_id = ?" : "";
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT 1 FROM " + parent.commentTable() + " m JOIN person cs ON cs.id = m.submitter_id"
            + " JOIN " + parent.table() + " x ON x.id = m." + parent.commentColumn()
            + " JOIN person xs ON xs.id = x.submitter_id"
            + " WHERE m.id = ? AND (cs.user_id = ? OR xs.user_id = ?" + delegate
            + " OR EXISTS (SELECT 1 FROM project_maintainer pm WHERE pm.project_id = x.project_id"
            + " AND pm.user_id = ?))")) {
      int i = 1;
      ps.setLong(i++, commentId);
      ps.setLong(i++, userId);
      ps.setLong(i++, userId);
      if (parent == SubmissionKind.PATCH) {
        ps.setLong(i++, userId);
      }
      ps.setLong(i, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Sets a comment's {@code addressed} flag; {@code addressed} null clears it. */
  public void setAddressed(SubmissionKind parent, long commentId, Boolean addressed) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE " + parent.commentTable() + " SET addressed = ? WHERE id = ?")) {
      ps.setObject(1, addressed, java.sql.Types.BOOLEAN);
      ps.setLong(2, commentId);
      ps.executeUpdate();
    }
  }

  private static CommentRow row(ResultSet rs) throws SQLException {
    boolean addressed = rs.getBoolean("addressed");
    Boolean addressedOrNull = rs.wasNull() ? null : addressed;
    return new CommentRow(rs.getLong("id"), rs.getString("msgid"), rs.getTimestamp("date").toLocalDateTime(),
        rs.getString("headers"), rs.getString("content"), addressedOrNull, SubmitterRow.read(rs, "s_"));
  }
}
