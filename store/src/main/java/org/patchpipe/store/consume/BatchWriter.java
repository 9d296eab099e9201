package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.EventFormatException;
import org.patchpipe.event.MailEvent;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.SeriesTracker;
import org.patchpipe.store.db.PgSeriesState;
import org.patchpipe.store.db.ProjectRepository;

/**
 * Writes one batch of consumed events into PostgreSQL in ONE transaction: the rows the series
 * tracker decides on (patches, covers, comments, series, events, tags), a row in {@code
 * unstored_mail} for every event that stores nothing, and the partitions' next offsets. Either all
 * of it commits or none of it does. Not thread-safe: owns its connection while it lives.
 */
final class BatchWriter implements AutoCloseable {
  private static final int ID_BLOCK = 128;

  private final Connection connection;
  private final PgSeriesState state;
  private final ProjectRepository projects;
  private final OffsetStore offsets;
  private final EventCodec codec = new EventCodec();
  private final Map<String, Long> projectIds = new HashMap<>();

  BatchWriter(Connection connection, OffsetStore offsets, Clock eventClock) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    // Ids in blocks: a batch of a thousand mails then takes a few sequence round trips, not thousands.
    this.state = new PgSeriesState(connection, eventClock, ID_BLOCK);
    this.projects = new ProjectRepository(connection);
    this.offsets = offsets;
  }

  Connection connection() {
    return connection;
  }

  /**
   * Writes {@code records} and their next offsets, then commits.
   *
   * @throws SQLException or {@link org.patchpipe.store.db.StoreException} if anything fails; the
   *     transaction is then rolled back and nothing of the batch is kept, except after a {@link
   *     CommitUnconfirmed}, when the database may have stored it all
   */
  ConsumerStats write(List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
    try {
      ConsumerStats stats = writeAll(records);
      offsets.write(connection, records);
      try {
        connection.commit();
      } catch (SQLException e) {
        throw new CommitUnconfirmed(stats, e);
      }
      return stats;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  /**
   * Writes a set-aside event again (after a retry was requested) and marks its row {@code stored},
   * in one transaction, without touching the consumer's offsets (they are past it already).
   *
   * @throws SQLException or a runtime exception if it fails again; rolled back, row untouched
   */
  ConsumerStats rewrite(PoisonEvent row) throws SQLException {
    try {
      ConsumerStats stats = writeAll(List.of(
          new ConsumerRecord<>(row.topic(), row.partition(), row.offset(), row.key(), row.value())));
      PoisonEvents.resolve(connection, row.id(), null, null);
      connection.commit();
      return stats;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  /**
   * Records {@code record} in {@code poison_event} and moves its partition's offset past it, in one
   * transaction. Call on a fresh writer: the one whose write failed has a working set ahead of the
   * database.
   */
  void setAside(String consumer, ConsumerRecord<byte[], byte[]> record, Throwable failure) throws SQLException {
    try {
      PoisonEvents.setAside(connection, consumer, record, FailureKind.reason(failure), FailureKind.sqlState(failure));
      offsets.write(connection, List.of(record));
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  /** Marks a retried row {@code failed} again with its new failure, in its own transaction. */
  void failedAgain(PoisonEvent row, Throwable failure) throws SQLException {
    try {
      PoisonEvents.resolve(connection, row.id(), FailureKind.reason(failure), FailureKind.sqlState(failure));
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  private ConsumerStats writeAll(List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
    ConsumerStats stats = ConsumerStats.ZERO;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      stats = stats.plus(writeOne(record));
    }
    state.flush();
    return stats.plus(new ConsumerStats(0, 0, 0, 0, 0, 0, 1, 0, 0));
  }

  private void rollback(Exception cause) {
    // Project ids cached during the batch may name rows the rollback removes.
    projectIds.clear();
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private ConsumerStats writeOne(ConsumerRecord<byte[], byte[]> record) throws SQLException {
    MailEvent event;
    try {
      event = codec.decode(record.value());
    } catch (EventFormatException e) {
      unstored(record, null, null, "error", "undecodable event: " + e.getMessage(), null);
      return new ConsumerStats(1, 0, 0, 0, 0, 1, 0, 0, 0);
    }
    Long projectId = projectId(event.listId());
    if (projectId == null) {
      unstored(record, null, event.mail().msgid(), "dropped", "no project for list id '" + event.listId() + "'", "R2");
      return new ConsumerStats(1, 0, 0, 0, 0, 1, 0, 0, 0);
    }
    // R4.1: mail without a usable Date gets the time ingest received it, so replays agree.
    SeriesTracker tracker = new SeriesTracker(state, Clock.fixed(event.receivedAt(), ZoneOffset.UTC));
    Placement placement = tracker.place(projectId, record.offset(), event.mail());
    return count(record, projectId, placement);
  }

  private ConsumerStats count(ConsumerRecord<byte[], byte[]> record, long projectId, Placement p) throws SQLException {
    long patches = 0, covers = 0, comments = 0, waiting = 0, unstored = 0;
    switch (p.kind()) {
      case PATCH: patches++; break;
      case COVER: covers++; break;
      case COMMENT: comments++; break;
      case OTHER:
        if (p.awaitingParent()) {
          waiting++;
        } else {
          unstored++;
          unstored(record, projectId, p.mail().msgid(), "dropped", dropReason(p.mail()), "R7.1");
        }
        break;
      default:
        unstored++;
        boolean duplicate = "duplicate".equals(p.error());
        ParsedMail mail = p.mail();
        String rule = mail instanceof ParsedMail.Unparseable u ? u.ruleId() : duplicate ? "R1.5" : null;
        unstored(record, projectId, mail.msgid(), duplicate ? "duplicate" : "rejected",
            p.error() == null ? "rejected" : p.error(), rule);
    }
    // Replies that waited for this mail are comments now.
    comments += p.lateComments().size();
    waiting -= p.lateComments().size();
    return new ConsumerStats(1, patches, covers, comments, waiting, unstored, 0, 0, 0);
  }

  private static String dropReason(ParsedMail mail) {
    if (mail instanceof ParsedMail.Other o && o.reason() != null) {
      return o.reason();
    }
    return "a reply whose parent is unknown, or a mail without a diff (R7.4)";
  }

  private Long projectId(String listId) {
    Long id = projectIds.get(listId);
    if (id == null) {
      try {
        id = projects.findOrCreate(listId).id();
      } catch (IllegalArgumentException e) {
        return null;
      }
      projectIds.put(listId, id);
    }
    return id;
  }

  private void unstored(ConsumerRecord<byte[], byte[]> record, Long projectId, String msgid, String outcome,
      String reason, String rule) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO unstored_mail (project_id, msgid, outcome, reason, rule_id, topic, partition, \"offset\")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      if (projectId == null) {
        ps.setNull(1, Types.BIGINT);
      } else {
        ps.setLong(1, projectId);
      }
      ps.setString(2, msgid);
      ps.setString(3, outcome);
      ps.setString(4, reason);
      ps.setString(5, rule);
      ps.setString(6, record.topic());
      ps.setInt(7, record.partition());
      ps.setLong(8, record.offset());
      ps.executeUpdate();
    }
  }

  @Override
  public void close() {
    // Not state.close(): after a failure its journal holds rows of a rolled-back batch. Closing the
    // connection closes the statements.
    try {
      connection.close();
    } catch (SQLException e) {
      // The connection is being thrown away (after a failure or at shutdown); nothing to keep.
    }
  }
}
