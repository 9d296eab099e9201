package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * Writes Patchwork's event log ({@code event} table) the way Patchwork's model signals do (R11.10):
 * one row per category with exactly that category's foreign keys set. This is the only writer of
 * {@code event} rows: the consumer's mail events, the API's edits and checks, and commit matching's
 * and revision linking's state and relation changes all come through here, so every row is stamped
 * by one rule, the injected clock in UTC, as Patchwork stamps them with the current time. Not
 * thread-safe: shares its caller's connection and transaction.
 */
public final class EventLog {
  /** Patchwork's event categories (models.Event.CATEGORY_*); every one is written by a method here. */
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
          + " cover_comment_id, patch_comment_id, previous_relation_id, current_relation_id,"
          + " created_check_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One row's foreign keys; null where the category has none. */
  private record Row(Long actor, Long patch, Long series, Long cover, Long previousState, Long currentState,
      Long previousDelegate, Long currentDelegate, Long coverComment, Long patchComment,
      Long previousRelation, Long currentRelation, Long check) {
    static Row of(Long patch, Long series, Long cover, Long coverComment, Long patchComment) {
      return new Row(null, patch, series, cover, null, null, null, null, coverComment, patchComment,
          null, null, null);
    }
  }

  private final StatementCache statements;
  private final Clock clock;
  private int pending;
  private boolean batching;

  EventLog(StatementCache statements, Clock clock) {
    this.statements = statements;
    this.clock = clock;
  }

  /**
   * An event log on the caller's connection and transaction, for writers outside the consumer (the
   * API, commit matching, revision linking). Its statement lives as long as the connection.
   */
  public static EventLog on(Connection connection, Clock clock) {
    return new EventLog(new StatementCache(connection), clock);
  }

  /** The time the next event is stamped with (UTC), for rows that must carry the same date. */
  public LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  void patchCreated(long projectId, long patchId) throws SQLException {
    insert(projectId, Category.PATCH_CREATED, Row.of(patchId, null, null, null, null));
  }

  void coverCreated(long projectId, long coverId) throws SQLException {
    insert(projectId, Category.COVER_CREATED, Row.of(null, null, coverId, null, null));
  }

  void seriesCreated(long projectId, long seriesId) throws SQLException {
    insert(projectId, Category.SERIES_CREATED, Row.of(null, seriesId, null, null, null));
  }

  void seriesCompleted(long projectId, long seriesId) throws SQLException {
    insert(projectId, Category.SERIES_COMPLETED, Row.of(null, seriesId, null, null, null));
  }

  void patchCompleted(long projectId, long patchId, long seriesId) throws SQLException {
    insert(projectId, Category.PATCH_COMPLETED, Row.of(patchId, seriesId, null, null, null));
  }

  void patchCommentCreated(long projectId, long patchId, long commentId) throws SQLException {
    insert(projectId, Category.PATCH_COMMENT_CREATED, Row.of(patchId, null, null, null, commentId));
  }

  void coverCommentCreated(long projectId, long coverId, long commentId) throws SQLException {
    insert(projectId, Category.COVER_COMMENT_CREATED, Row.of(null, null, coverId, commentId, null));
  }

  /** {@code patch-state-changed}; {@code actorId} null for a change no user made (a script, a hook). */
  void patchStateChanged(long projectId, Long actorId, long patchId, long previous, long current)
      throws SQLException {
    insert(projectId, Category.PATCH_STATE_CHANGED, new Row(actorId, patchId, null, null, previous, current,
        null, null, null, null, null, null, null));
  }

  /** {@code patch-delegated}; either delegate may be null (none). */
  void patchDelegated(long projectId, long actorId, long patchId, Long previous, Long current)
      throws SQLException {
    insert(projectId, Category.PATCH_DELEGATED, new Row(actorId, patchId, null, null, null, null,
        previous, current, null, null, null, null, null));
  }

  /**
   * {@code patch-relation-changed}; {@code previous} or {@code current} null when the patch had or
   * has no relation; {@code actorId} null for a change no user made (revision linking).
   */
  void patchRelationChanged(long projectId, Long actorId, long patchId, Long previous, Long current)
      throws SQLException {
    insert(projectId, Category.PATCH_RELATION_CHANGED, new Row(actorId, patchId, null, null, null, null,
        null, null, null, null, previous, current, null));
  }

  /** {@code check-created}, by the check's user. */
  void checkCreated(long projectId, long actorId, long patchId, long checkId) throws SQLException {
    insert(projectId, Category.CHECK_CREATED, new Row(actorId, patchId, null, null, null, null,
        null, null, null, null, null, null, checkId));
  }

  private void insert(long projectId, Category category, Row row) throws SQLException {
    PreparedStatement ps = statements.get(INSERT);
    ps.setLong(1, projectId);
    ps.setString(2, category.slug());
    pending++;
    ps.setObject(3, now());
    Long[] keys = {row.actor(), row.patch(), row.series(), row.cover(), row.previousState(),
        row.currentState(), row.previousDelegate(), row.currentDelegate(), row.coverComment(),
        row.patchComment(), row.previousRelation(), row.currentRelation(), row.check()};
    for (int i = 0; i < keys.length; i++) {
      setLong(ps, 4 + i, keys[i]);
    }
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
