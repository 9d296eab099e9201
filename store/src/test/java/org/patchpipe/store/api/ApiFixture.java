package org.patchpipe.store.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * A small Patchwork world in a real PostgreSQL, and an {@link ApiServer} over it: project
 * {@code openrisc} with a maintainer (token {@link #MAINTAINER_TOKEN}) and another user
 * ({@link #OTHER_TOKEN}, the user of person 3); a two-patch series with a cover letter, a comment
 * with an Acked-by on patch 1 and one on the cover; a standalone RFC patch by person 3; an
 * archived patch; a patch whose Message-ID has a slash. The diffs apply to an empty repository
 * holding {@code hello.txt} with the line {@code hello}.
 */
final class ApiFixture implements AutoCloseable {
  static final String MAINTAINER_TOKEN = "0123456789abcdef0123456789abcdef01234567";
  static final String OTHER_TOKEN = "fedcba9876543210fedcba9876543210fedcba98";

  static final String DIFF_1 = "diff --git a/hello.txt b/hello.txt\n"
      + "index ce01362..94954ab 100644\n"
      + "--- a/hello.txt\n"
      + "+++ b/hello.txt\n"
      + "@@ -1 +1,2 @@\n"
      + " hello\n"
      + "+world\n";
  static final String DIFF_2 = "diff --git a/hello.txt b/hello.txt\n"
      + "index 94954ab..b3a2b6d 100644\n"
      + "--- a/hello.txt\n"
      + "+++ b/hello.txt\n"
      + "@@ -1,2 +1,3 @@\n"
      + " hello\n"
      + " world\n"
      + "+again\n";

  private final HikariDataSource dataSource;
  final ApiServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiFixture(HikariDataSource dataSource, ApiServer server) {
    this.dataSource = dataSource;
    this.server = server;
  }

  static ApiFixture start(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      Schema.migrate(c);
      try (Statement s = c.createStatement()) {
        for (String sql : DATA) {
          s.execute(sql);
        }
      }
    }
    return over(db);
  }

  /** A server over a database already filled (migrated), without the small world's rows. */
  static ApiFixture over(TestDatabase db) {
    return over(db, org.patchpipe.store.api.event.EventStream.Config.defaults());
  }

  /** A server over a database already filled, with these bounds on its event streams. */
  static ApiFixture over(TestDatabase db, org.patchpipe.store.api.event.EventStream.Config streams) {
    HikariDataSource ds = dataSource(db.jdbcUrl(), db.user(), 8);
    return new ApiFixture(ds, ApiServer.start(ApiConfig.ephemeral(), ds, streams));
  }

  static HikariDataSource dataSource(String jdbcUrl, String user, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  String url(String path) {
    return server.baseUrl() + path;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), null);
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), token);
  }

  HttpResponse<String> send(String method, String path, String json, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
    return send(b, token);
  }

  /** A request with this {@code Authorization} header (null: none), e.g. {@code Basic ...}. */
  HttpResponse<String> sendAuthorized(String method, String path, String json, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code Authorization} header value of HTTP Basic for {@code user:password}. */
  static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest.Builder builder, String token)
      throws IOException, InterruptedException {
    if (token != null) {
      builder.header("Authorization", "Token " + token);
    }
    return http.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void close() {
    server.close();
    dataSource.close();
  }

  private static final String HEADERS_1 = "From: Stafford Horne <shorne@gmail.com>\n"
      + "To: openrisc@lists.librecores.org\n"
      + "Subject: [OpenRISC] [PATCH 1/2] or1k: Add a world\n"
      + "Date: Mon,  6 May 2019 22:16:20 +0900\n"
      + "Message-Id: <p1@example.com>\n"
      + "Received: from a by b\n"
      + "Received: from c by d\n"
      + "Content-Type: text/plain; charset=\"us-ascii\"";

  private static final String[] DATA = {
    "INSERT INTO auth_user (id, username, email) VALUES (1, 'maintainer', 'maintainer@example.com'),"
        + " (2, 'other', 'other@example.com')",
    "INSERT INTO project (id, linkname, name, listid, listemail) VALUES"
        + " (1, 'openrisc', 'openrisc', 'openrisc.lists.librecores.org', 'openrisc@lists.librecores.org'),"
        + " (2, 'linux-efi', 'linux-efi', 'linux-efi.vger.kernel.org', 'linux-efi@vger.kernel.org')",
    "INSERT INTO project_maintainer (user_id, project_id) VALUES (1, 1)",
    "INSERT INTO api_token (key, user_id) VALUES ('" + MAINTAINER_TOKEN + "', 1), ('" + OTHER_TOKEN + "', 2)",
    "INSERT INTO person (id, email, name, user_id) VALUES (1, 'shorne@gmail.com', 'Stafford Horne', NULL),"
        + " (2, 'rep.dot.nop@gmail.com', 'Bernhard Reutner-Fischer', NULL),"
        + " (3, 'other@example.com', 'J\u00f6rg Other', 2)",
    "INSERT INTO cover (id, project_id, msgid, name, date, headers, submitter_id, content) VALUES"
        + " (1, 1, '<c0@example.com>', '[0/2] Add a world', '2019-05-06 13:16:19',"
        + " 'From: Stafford Horne <shorne@gmail.com>\nSubject: [PATCH 0/2] Add a world\nMessage-Id: <c0@example.com>',"
        + " 1, 'This series adds a world.\n')",
    "INSERT INTO series (id, project_id, cover_letter_id, name, date, submitter_id, version, total) VALUES"
        + " (1, 1, 1, 'Add a world', '2019-05-06 13:16:19', 1, 1, 2)",
    "INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff, hash,"
        + " series_id, number, state_id) VALUES"
        + " (1, 1, '<p1@example.com>', '[1/2] or1k: Add a world', '2019-05-06 13:16:20', '"
        + HEADERS_1 + "', 1, 'Add a world to hello.\n\nSigned-off-by: Stafford Horne <shorne@gmail.com>\n---\n"
        + " hello.txt | 1 +\n', '" + DIFF_1 + "', 'aed4835e939b61a32be68b4b09d8175532fcfd40', 1, 1, 1),"
        + " (2, 1, '<p2@example.com>', '[2/2] or1k: Say it again', '2019-05-06 13:16:21',"
        + " 'From: Stafford Horne <shorne@gmail.com>\nSubject: [PATCH 2/2] or1k: Say it again\nMessage-Id: <p2@example.com>',"
        + " 1, 'Say it again.\n\nSigned-off-by: Stafford Horne <shorne@gmail.com>\n', '" + DIFF_2
        + "', '86d3ca209ca5e345cb75bdf9232342eeb1d5ce62', 1, 2, 1),"
        + " (3, 1, '<rfc@example.com>', '[RFC] Other idea', '2020-01-01 10:00:00',"
        + " 'From: openrisc@lists.librecores.org\nSubject: [RFC PATCH] Other idea\nMessage-Id: <rfc@example.com>',"
        + " 3, 'An idea.', '" + DIFF_1 + "', 'f9cf643e19bc4f245eac973fcee9649b771d1693', NULL, NULL, 5),"
        + " (4, 1, '<old@example.com>', 'Old change', '2018-01-01 00:00:00', '', 1, 'Old.', '" + DIFF_1
        + "', 'f9cf643e19bc4f245eac973fcee9649b771d1693', NULL, NULL, 3),"
        + " (5, 2, '<a/b+c=d%e f\"g@x>', 'Slashed', '2021-06-01 12:00:00', '', 2, 'Slash.', '" + DIFF_1
        + "', '0000000000000000000000000000000000000000', NULL, NULL, 1)",
    "UPDATE patch SET archived = true WHERE id = 4",
    "INSERT INTO patch_comment (id, patch_id, msgid, date, headers, submitter_id, content) VALUES"
        + " (1, 1, '<r1@example.com>', '2019-05-09 17:44:15',"
        + " 'From: Bernhard Reutner-Fischer <rep.dot.nop@gmail.com>\nSubject: Re: [PATCH 1/2] or1k: Add a\n world\nMessage-Id: <r1@example.com>',"
        + " 2, 'Looks good.\n\nAcked-by: Bernhard Reutner-Fischer <rep.dot.nop@gmail.com>\n')",
    "INSERT INTO cover_comment (id, cover_id, msgid, date, headers, submitter_id, content) VALUES"
        + " (2, 1, '<r2@example.com>', '2019-05-10 10:00:00',"
        + " 'Subject: Re: [PATCH 0/2] Add a world\nMessage-Id: <r2@example.com>', 1, 'Ping.')",
    "SELECT setval(pg_get_serial_sequence('patch', 'id'), 5)",
    "SELECT setval(pg_get_serial_sequence('auth_user', 'id'), 2)",
  };
}
