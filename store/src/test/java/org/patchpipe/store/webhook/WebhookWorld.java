package org.patchpipe.store.webhook;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * A small world for webhook tests: two projects, patches, and events written as the store writes
 * them (rows of {@code event}), over a fresh test database.
 */
final class WebhookWorld {
  static final WebhookSettings FAST = WebhookSettings.of("http://patchwork.example")
      .withPolls(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(200))
      .withRetry(new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1)))
      .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

  private final TestDatabase db;
  private int patches;

  WebhookWorld(TestDatabase db) throws SQLException {
    this.db = db;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      Schema.migrate(c);
      s.execute("INSERT INTO project (id, linkname, name, listid, listemail) VALUES"
          + " (1, 'alpha', 'alpha', 'alpha.example.org', 'alpha@example.org'),"
          + " (2, 'beta', 'beta', 'beta.example.org', 'beta@example.org')");
      s.execute("INSERT INTO person (id, email, name) VALUES (1, 'a@example.org', 'A')");
    }
  }

  WebhookDispatcher.Connector connector() {
    return db::connect;
  }

  static String secret() {
    return WebhookSecret.generate(new SecureRandom()).text();
  }

  long addWebhook(String url, String secret, String project, List<String> categories) throws SQLException {
    try (Connection c = db.connect()) {
      return new WebhookRepository(c).add(url, secret, project, categories);
    }
  }

  /** A new patch in {@code project}; its id. */
  long patch(long project) throws SQLException {
    int n = ++patches;
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO patch (project_id,"
        + " msgid, name, date, headers, submitter_id, content, diff, state_id) VALUES (?, ?, ?, now(), '', 1, '',"
        + " '', 1) RETURNING id")) {
      ps.setLong(1, project);
      ps.setString(2, "<p" + n + "@example.org>");
      ps.setString(3, "[PATCH] change " + n);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** An event about {@code patch}; its id. */
  long event(long project, String category, long patch) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO event (project_id, category, patch_id) VALUES (?, ?, ?) RETURNING id")) {
      ps.setLong(1, project);
      ps.setString(2, category);
      ps.setLong(3, patch);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** One webhook's delivery rows as {@code event:attempt:status:outcome}, by event. */
  List<String> deliveries(long webhook) throws SQLException {
    try (Connection c = db.connect()) {
      return new org.patchpipe.store.db.WebhookDeliveryRepository(c).log(webhook, 1000).stream()
          .sorted(java.util.Comparator.comparingLong(org.patchpipe.store.db.WebhookDeliveryRepository.Logged::eventId))
          .map(l -> l.eventId() + ":" + l.attempt() + ":" + l.status() + ":" + l.outcome()).toList();
    }
  }
}
