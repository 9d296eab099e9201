package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How far Patchwork's events were published to a Kafka topic ({@code event_publication}): the last
 * event id sent and acknowledged. A topic seen for the first time starts at the newest event, so
 * it carries the events stored from then on (the API serves the older ones). Runs on the caller's
 * connection; fails with {@link SQLException}.
 */
public final class EventPublicationRepository {
  private final Connection connection;

  public EventPublicationRepository(Connection connection) {
    this.connection = connection;
  }

  /** The topic's cursor, created at the newest event the first time. */
  public long cursor(String topic) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO event_publication (topic, last_event_id)"
        + " VALUES (?, (SELECT coalesce(max(id), 0) FROM event)) ON CONFLICT (topic) DO NOTHING")) {
      ps.setString(1, topic);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT last_event_id FROM event_publication WHERE topic = ?")) {
      ps.setString(1, topic);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Moves the topic's cursor to {@code eventId} (never back). */
  public void advance(String topic, long eventId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "UPDATE event_publication SET last_event_id = greatest(last_event_id, ?) WHERE topic = ?")) {
      ps.setLong(1, eventId);
      ps.setString(2, topic);
      ps.executeUpdate();
    }
  }
}
