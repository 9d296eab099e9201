package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhooks' deliveries ({@code webhook_delivery}): one row per event and webhook, queued with
 * its rendered body, and updated by every attempt (count, last status, latency, error, when the
 * next attempt is due). A row is pending while it has a next attempt; delivered rows keep when.
 * Because the schedule is in the database, retries survive restarts and kill -9. Runs on the
 * caller's connection; fails with {@link SQLException}.
 */
public final class WebhookDeliveryRepository {
  /** A delivery still to make: its event, what orders it, its attempts so far and when the next is due. */
  public record Pending(long eventId, String orderKey, int attempt, Instant queued, Instant nextAttempt) {}

  /** A delivery as the log shows it; {@code status} and {@code latencyMs} null before any answer. */
  public record Logged(long id, long webhookId, long eventId, int attempt, Integer status, Integer latencyMs,
      String error, Instant queued, Instant nextAttempt, Instant delivered) {
    /** delivered, pending or failed (given up). */
    public String outcome() {
      return delivered != null ? "delivered" : nextAttempt != null ? "pending" : "failed";
    }
  }

  /** An event to queue for a webhook. */
  public record Queued(long eventId, String orderKey, String body) {}

  private final Connection connection;

  public WebhookDeliveryRepository(Connection connection) {
    this.connection = connection;
  }

  /** Queues deliveries due now; an event already queued for the webhook is skipped. */
  public void queue(long webhookId, List<Queued> deliveries) throws SQLException {
    if (deliveries.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO webhook_delivery (webhook_id, event_id,"
        + " order_key, body, next_attempt) VALUES (?, ?, ?, ?, now()) ON CONFLICT (webhook_id, event_id) DO NOTHING")) {
      for (Queued q : deliveries) {
        ps.setLong(1, webhookId);
        ps.setLong(2, q.eventId());
        ps.setString(3, q.orderKey());
        ps.setString(4, q.body());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Every pending delivery of the webhook, oldest event first, without bodies (see {@link #bodies}). */
  public List<Pending> pending(long webhookId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT event_id, order_key, attempt, queued,"
        + " next_attempt FROM webhook_delivery WHERE webhook_id = ? AND next_attempt IS NOT NULL ORDER BY event_id")) {
      ps.setLong(1, webhookId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Pending> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(new Pending(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
              rs.getTimestamp(5).toInstant()));
        }
        return rows;
      }
    }
  }

  /** The bodies of the webhook's deliveries of {@code eventIds}, by event id. */
  public java.util.Map<Long, String> bodies(long webhookId, List<Long> eventIds) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT event_id, body FROM webhook_delivery WHERE webhook_id = ? AND event_id = ANY (?)")) {
      ps.setLong(1, webhookId);
      ps.setArray(2, connection.createArrayOf("bigint", eventIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        java.util.Map<Long, String> bodies = new java.util.HashMap<>();
        while (rs.next()) {
          bodies.put(rs.getLong(1), rs.getString(2));
        }
        return bodies;
      }
    }
  }

  /**
   * One attempt's outcome: {@code next} null and {@code delivered} set for a success, {@code next}
   * set for a retry, both null when given up; {@code status} null when no answer came.
   */
  public record Attempted(long eventId, int attempt, Integer status, long latencyMs, String error, Instant next,
      Instant delivered) {}

  /** Records attempts, all in one batch. */
  public void attempted(long webhookId, List<Attempted> attempts) throws SQLException {
    if (attempts.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("UPDATE webhook_delivery SET attempt = ?, status = ?,"
        + " latency_ms = ?, error = ?, next_attempt = ?, delivered = ? WHERE webhook_id = ? AND event_id = ?")) {
      for (Attempted a : attempts) {
        ps.setInt(1, a.attempt());
        if (a.status() == null) {
          ps.setNull(2, Types.INTEGER);
        } else {
          ps.setInt(2, a.status());
        }
        ps.setInt(3, (int) Math.min(a.latencyMs(), Integer.MAX_VALUE));
        ps.setString(4, a.error());
        ps.setTimestamp(5, a.next() == null ? null : Timestamp.from(a.next()));
        ps.setTimestamp(6, a.delivered() == null ? null : Timestamp.from(a.delivered()));
        ps.setLong(7, webhookId);
        ps.setLong(8, a.eventId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The newest {@code limit} deliveries, of one webhook or (null) of all, newest first. */
  public List<Logged> log(Long webhookId, int limit) throws SQLException {
    String where = webhookId == null ? "" : " WHERE webhook_id = ?";
    try (PreparedStatement ps = connection.prepareStatement("SELECT id, webhook_id, event_id, attempt, status,"
        + " latency_ms, error, queued, next_attempt, delivered FROM webhook_delivery" + where
        + " ORDER BY id DESC LIMIT ?")) {
      int i = 1;
      if (webhookId != null) {
        ps.setLong(i++, webhookId);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Logged> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(new Logged(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
              (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getString(7), instant(rs, 8),
              instant(rs, 9), instant(rs, 10)));
        }
        return rows;
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
