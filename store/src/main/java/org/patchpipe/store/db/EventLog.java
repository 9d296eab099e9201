package org.patchpipe.store.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Writes Patchwork's event log ({@code event} table) the way Patchwork's model signals do (R11.10):
 * one row per category with exactly that category's foreign keys set. Events are stamped with the
 * injected clock in UTC, as Patchwork stamps them with the current time. Not thread-safe: shares
 * its caller's connection and transaction.
 */
public final class EventLog {
  /** Patchwork's event categories (models.Event.CATEGORY_*). */
  public enum Category {
    COVER_CREATED("cover-created"),
    PATCH_CREATED("patch-created"),
    PATCH_COMPLETED("patch-completed"),
    PATCH_STATE_CHANGED("patch-state-changed"),
    PATCH_DELEGATED("patch-delegated"),
    PATCH_RELATION_CHANGED("patch-relation-changed"),
    CHECK_CREATED("check-created"),
    SERIES_CREATED("series-created"),
    SERIES_COMPLETED("series-completed"),
    COVER_COMMENT_CREATED("cover-comment-created"),
    PATCH_COMMENT_CREATED("patch-comment-created");

    private final String slug;

    Category(String slug) {
      this.slug = slug;
    }

    /** The category as Patchwork stores and serves it, e.g. {@code patch-created}. */
    public String slug() {
      return slug;
    }
  }

  private static final String INSERT =
      "INSERT INTO event (project_id, category, date, actor_id, patch_id, series_id, cover_id,"
          + " previous_state_id, current_state_id, previous_delegate_id, current_delegate_id,"
          + " cover_comment_id, patch_comment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final StatementCache statements;
  private final Clock clock;
  private int pending;
  private boolean batching;

  EventLog(StatementCache statements, Clock clock) {
    this.statements = statements;
    this.clock = clock;
  }

  void patchCreated(long projectId, long patchId) throws SQLException {
    insert(projectId, Category.PATCH_CREATED, patchId, null, null, null, null);
  }

  void coverCreated(long projectId, long coverId) throws SQLException {
    insert(projectId, Category.COVER_CREATED, null, null, coverId, null, null);
  }

  void seriesCreated(long projectId, long seriesId) throws SQLException {
    insert(projectId, Category.SERIES_CREATED, null, seriesId, null, null, null);
  }

  void seriesCompleted(long projectId, long seriesId) throws SQLException {
    insert(projectId, Category.SERIES_COMPLETED, null, seriesId, null, null, null);
  }

  void patchCompleted(long projectId, long patchId, long seriesId) throws SQLException {
    insert(projectId, Category.PATCH_COMPLETED, patchId, seriesId, null, null, null);
  }

  void patchCommentCreated(long projectId, long patchId, long commentId) throws SQLException {
    insert(projectId, Category.PATCH_COMMENT_CREATED, patchId, null, null, null, commentId);
  }

  void coverCommentCreated(long projectId, long coverId, long commentId) throws SQLException {
    insert(projectId, Category.COVER_COMMENT_CREATED, null, null, coverId, commentId, null);
  }

  private void insert(long projectId, Category category, Long patchId, Long seriesId, Long coverId,
      Long coverCommentId, Long patchCommentId) throws SQLException {
    PreparedStatement ps = statements.get(INSERT);
    ps.setLong(1, projectId);
    ps.setString(2, category.slug());
    pending++;
    ps.setObject(3, LocalDateTime.now(clock));
    ps.setNull(4, Types.BIGINT);
    setLong(ps, 5, patchId);
    setLong(ps, 6, seriesId);
    setLong(ps, 7, coverId);
    for (int i = 8; i <= 11; i++) {
      ps.setNull(i, Types.BIGINT);
    }
    setLong(ps, 12, coverCommentId);
    setLong(ps, 13, patchCommentId);
    if (batching) {
      // Nothing reads events while a batch is written: send them all at once in flush().
      ps.addBatch();
    } else {
      ps.executeUpdate();
      pending--;
    }
  }

  /** Holds events back until {@link #flush()} (the consumer's mode, behind the cache). */
  void batch() {
    this.batching = true;
  }

  /** Sends the events held back since the last flush. */
  void flush() throws SQLException {
    if (pending > 0) {
      statements.get(INSERT).executeBatch();
      pending = 0;
    }
  }

  static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }
}
