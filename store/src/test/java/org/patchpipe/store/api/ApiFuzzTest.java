package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Random requests against every route and method of a real {@link ApiServer} over a real
 * PostgreSQL ({@link ApiFixture}): random path ids, query strings, bodies (invalid JSON, wrong
 * types, huge values, NUL, unicode) and credentials (none, garbage, a user without rights, a
 * maintainer). Whatever comes in, the server never answers 500; a refused or read-only request
 * leaves every table as it was; a write succeeds only for a caller the Patchwork rule lets edit the
 * resource (a patch: submitter, delegate or project maintainer; a project: its maintainers; a user:
 * that user); no list page is longer than 250; a body over
 * the 16 MiB limit is refused with 413 before it is read. jqwik runs on the JUnit Platform beside
 * Jupiter, so the database is started here rather than by {@code SharedPostgres}.
 */
class ApiFuzzTest {
  private static final String GARBAGE_TOKEN = "0000000000000000000000000000000000000000";
  private static final long MAX_BODY = ApiServer.MAX_BODY;
  private static Path dir;
  private static EmbeddedPostgres pg;
  private static ApiFixture api;

  @BeforeContainer
  static void start() throws Exception {
    Path target = Path.of("target");
    Files.createDirectories(target);
    dir = Files.createTempDirectory(target.toAbsolutePath(), "pg-fuzz-");
    pg = EmbeddedPostgres.start(
        new PostgresConfig(dir.resolve("data"), 0, "patchpipe", false, PostgresConfig.defaultBinariesCache()));
    pg.createDatabase("fuzz");
    api = ApiFixture.start(new TestDatabase(pg.jdbcUrl("fuzz"), pg.user(), pg));
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      // More people than the largest page holds, so the cap on per_page is seen.
      s.execute("INSERT INTO person (id, email, name) SELECT 100 + i, 'p' || i || '@example.com', 'P ' || i"
          + " FROM generate_series(1, " + (Pagination.MAX_SIZE + 50) + ") i");
    }
  }

  @AfterContainer
  static void stop() throws IOException {
    if (api != null) {
      api.close();
    }
    if (pg != null) {
      pg.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Who calls: the Authorization header sent, and the user it stands for (0: nobody). */
  record Caller(String name, String header, long userId) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One random request. */
  record Call(String method, String path, String query, String contentType, byte[] body, Caller caller) {
    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " as " + caller + " ["
          + contentType + "] " + abbreviate(new String(body, StandardCharsets.UTF_8));
    }
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void readsNeverFailNorWrite(@ForAll("reads") Call call) throws Exception {
    String before = snapshot();
    Answer r = send(call);
    Statistics.label("reads").collect(r.statusCode());
    assertTrue(r.statusCode() < 500, () -> call + " -> " + r.statusCode() + " " + r.body());
    assertEquals(before, snapshot(), () -> call + " changed the database");
    if (r.statusCode() == 200 && call.method().equals("GET") && r.body().startsWith("[")) {
      JsonNode page = Json.mapper().readTree(r.body());
      assertTrue(page.size() <= Pagination.MAX_SIZE, () -> call + " served " + page.size() + " rows");
    }
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void writesNeverFailAndNeedPermission(@ForAll("writes") Call call) throws Exception {
    Optional<Target> target = targetOf(call.path());
    boolean allowed = target.isPresent() && mayEdit(call.caller().userId(), target.get());
    String before = snapshot();
    Answer r = send(call);
    int status = r.statusCode();
    Statistics.label("writes").collect(call.caller().name(), status);
    assertTrue(status < 500, () -> call + " -> " + status + " " + r.body());
    if (target.isPresent() && exists(target.get()) && !allowed && call.method().equals(writeMethod(call.path()))) {
      // Patchwork checks the caller's rights before it reads the body: no body earns a 400 here.
      assertEquals(403, status, () -> call + " -> " + status + " " + r.body());
    }
    if (status >= 300) {
      assertEquals(before, snapshot(), () -> call + " was refused with " + status + " yet changed the database");
    } else if (!call.method().equals("OPTIONS")) {
      assertTrue(allowed, () -> call + " -> " + status + " without permission");
    }
  }

  /** Patchwork's page size limit: a per_page beyond 250 serves 250 rows and links the next page. */
  @Property(tries = 20)
  void pageSizeIsCapped(@ForAll("bigPerPage") String perPage) throws Exception {
    HttpResponse<String> r = api.get("/api/1.2/people/?per_page=" + perPage, ApiFixture.MAINTAINER_TOKEN);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(Pagination.MAX_SIZE, Json.mapper().readTree(r.body()).size(), perPage);
    assertTrue(r.headers().firstValue("Link").orElse("").contains("page=2"), perPage);
  }

  /**
   * A declared body over the limit is answered 413 at once: the request's head and a few bytes are
   * sent, never the body, so an answer proves the server did not wait to read it.
   */
  @Property(tries = 10)
  void oversizedBodyIsRefusedUnread(@ForAll("writeRoutes") String path, @ForAll("overLimit") long length)
      throws Exception {
    String before = snapshot();
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((writeMethod(path) + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Authorization: Token " + ApiFixture.MAINTAINER_TOKEN + "\r\nContent-Length: " + length
          + "\r\n\r\n{\"state\": \"").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", statusLine, path + " with Content-Length " + length);
    }
    assertEquals(before, snapshot());
  }

  /** A body that streams past the limit without declaring its length is refused too. */
  @Property(tries = 2)
  void oversizedChunkedBodyIs413(@ForAll("writeRoutes") String path) throws Exception {
    String before = snapshot();
    byte[] chunk = new byte[1024 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'a');
    List<byte[]> chunks = new ArrayList<>();
    for (long sent = 0; sent <= MAX_BODY; sent += chunk.length) {
      chunks.add(chunk);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.url(path)))
        .header("Authorization", "Token " + ApiFixture.MAINTAINER_TOKEN)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .method(writeMethod(path), HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofByteArrays(chunks)))
        .build();
    int status;
    try {
      status = api.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      // The server may answer and close before the client has finished sending.
      status = 413;
    }
    assertEquals(413, status, path);
    assertEquals(before, snapshot());
  }

  // ---- generators ----

  @Provide
  Arbitrary<Call> reads() {
    return Combinators.combine(
            Arbitraries.of("GET", "HEAD", "OPTIONS"), paths(), queries(), callers())
        .as((method, path, query, caller) -> new Call(method, path, query, null, new byte[0], caller));
  }

  @Provide
  Arbitrary<Call> writes() {
    Arbitrary<Call> anywhere = Combinators.combine(
            Arbitraries.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
            Arbitraries.oneOf(paths(), writeRoutes()), contentTypes(), bodies(), callers())
        .as((method, path, type, body, caller) -> new Call(method, path, "", type, body, caller));
    // Most tries aim at what can be written, with the method the route takes.
    Arbitrary<Call> aimed = Combinators.combine(
            writeRoutes(), Arbitraries.of(false, true), contentTypes(), bodies(), callers())
        .as((path, put, type, body, caller) -> new Call(
            put && !path.endsWith("/checks/") ? "PUT" : writeMethod(path), path, "", type, body, caller));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, anywhere), net.jqwik.api.Tuple.of(3, aimed));
  }

  /**
   * The writable resources: a patch (PUT, PATCH) and its checks (POST), a project, a user (PUT,
   * PATCH), a series (PATCH, patchpipe's extension).
   */
  @Provide
  Arbitrary<String> writeRoutes() {
    Arbitrary<String> patches = Combinators.combine(Arbitraries.of("1", "2", "3", "4", "5", "999"),
            Arbitraries.of("", "checks/"))
        .as((id, sub) -> "/api/1.2/patches/" + id + "/" + sub);
    Arbitrary<String> others = Arbitraries.of("/api/1.2/projects/1/", "/api/1.2/projects/linux-efi/",
        "/api/1.2/projects/999/", "/api/1.2/users/1/", "/api/1.2/users/2/", "/api/1.2/users/999/",
        "/api/1.2/series/1/", "/api/1.2/series/999/");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, patches), net.jqwik.api.Tuple.of(1, others));
  }

  private static String writeMethod(String path) {
    return path.endsWith("/checks/") ? "POST" : "PATCH";
  }

  @Provide
  Arbitrary<String> bigPerPage() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(251, Integer.MAX_VALUE).map(String::valueOf),
        Arbitraries.just("99999999999999999999"));
  }

  @Provide
  Arbitrary<Long> overLimit() {
    return Arbitraries.longs().between(MAX_BODY + 1, 1L << 40);
  }

  private Arbitrary<Caller> callers() {
    return Arbitraries.of(
        new Caller("anonymous", null, 0),
        new Caller("garbage-token", "Token " + GARBAGE_TOKEN, 0),
        new Caller("bad-header", "Token a b", 0),
        new Caller("basic", "Basic dXNlcjpwYXNz", 0),
        new Caller("unicode-token", "Token \u00e9\u4e2d", 0),
        new Caller("other", "Token " + ApiFixture.OTHER_TOKEN, 2),
        new Caller("maintainer", "Token " + ApiFixture.MAINTAINER_TOKEN, 1));
  }

  /** Every route's pattern, with random path values. */
  private Arbitrary<String> paths() {
    Arbitrary<String> id = ids();
    Arbitrary<String> api = Combinators.combine(
            Arbitraries.of("/api/1.2/", "/api/", "/api/1.0/", "/api/1.4/"),
            Arbitraries.of("", "projects/%s/", "projects/", "users/%s/", "users/", "people/%s/", "people/",
                "patches/", "patches/%s/", "patches/%s/comments/", "patches/%s/checks/",
                "patches/%s/checks/%s/", "covers/", "covers/%s/", "covers/%s/comments/", "series/",
                "series/%s/", "events/", "bundles/", "nothing/%s/", "patches/%s"),
            id, id)
        .as((prefix, route, a, b) -> prefix + String.format(route, a, b));
    Arbitrary<String> site = Combinators.combine(
            Arbitraries.of("/project/%s/patch/%s/mbox/", "/project/%s/patch/%s/raw/", "/project/%s/cover/%s/mbox/",
                "/series/%s/mbox/", "/patch/%s/mbox/", "/patch/%s/raw/", "/patch/%s/", "/cover/%s/mbox/",
                "/cover/%s/", "/cover/%s"),
            Arbitraries.oneOf(Arbitraries.of("openrisc", "linux-efi"), id), id)
        .as((route, a, b) -> String.format(route, a, b));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, api), net.jqwik.api.Tuple.of(1, site));
  }

  private Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-2, 8).map(String::valueOf),
        Arbitraries.of("9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e3", "0x1",
            "openrisc", "p1@example.com", "%3Cp1@example.com%3E", "a%2Fb+c=d%25e%20f%22g@x", "%00", "1%00",
            "%C3%A9", "%E4%B8%AD", "%F0%9F%98%80", "%FF", "%", "%2", "..", "%2E%2E", "%0A", "%20"),
        encoded(Arbitraries.strings().all().ofMaxLength(20)));
  }

  private Arbitrary<String> queries() {
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.of("project", "state", "submitter", "delegate", "series", "archived", "hash", "msgid", "q",
            "order", "since", "before", "page", "per_page", "category", "patch", "cover", "user", "context",
            "email", "name", "format"),
        encoded(Arbitraries.strings().all().ofMaxLength(8)));
    Arbitrary<String> value = Arbitraries.oneOf(
        ids(),
        Arbitraries.of("true", "false", "last", "0", "-1", "251", "100000", "2147483648", "2019-05-06",
            "2019-05-06T13:16:20", "2019-13-45", "new", "accepted", "*", "-date", "date", "name", "-id",
            "submitter", "patch-created", "%00", "%FF", "Under%20Review"),
        encoded(Arbitraries.strings().all().ofMaxLength(30)));
    Arbitrary<String> pair = Combinators.combine(key, value).as((k, v) -> k + "=" + v);
    return Arbitraries.oneOf(
        pair.list().ofMaxSize(4).map(pairs -> String.join("&", pairs)),
        Arbitraries.of("", "&", "=", "page", "per_page=", "a=1&&b", "%", "%%", "q=%ZZ"));
  }

  private Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain", null,
        "application/json; charset=latin1", "multipart/form-data; boundary=x");
  }

  private Arbitrary<byte[]> bodies() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.of("", "\u0000", "a\u0000b", "\uD83D\uDE00", "\u00e9", "'; DROP TABLE patch; --", "x".repeat(70_000)));
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        text.map(s -> (Object) s),
        Arbitraries.of(0, -1, 1, 2, 3, 999, Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -0.5, true, false)
            .map(v -> (Object) v),
        Arbitraries.of("new", "accepted", "Under Review", "rejected", "success", "fail", "pending", "warning",
            "https://ci.example.com/1", "ci-1", "default").map(v -> (Object) v),
        Arbitraries.just(new java.math.BigInteger("1" + "0".repeat(400))).map(v -> (Object) v),
        Arbitraries.just((Object) null));
    Arbitrary<Object> value = Arbitraries.oneOf(
        scalar, scalar.list().ofMaxSize(3).map(l -> (Object) l),
        Combinators.combine(Arbitraries.of("a", "id", "state"), scalar).as((k, v) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(k, v);
          return (Object) m;
        }));
    Arbitrary<String> field = Arbitraries.of("state", "delegate", "archived", "commit_ref", "pull_url", "related",
        "target_url", "context", "description", "id", "project", "submitter", "name", "content", "hash",
        "web_url", "show_dependencies", "first_name", "settings");
    Arbitrary<byte[]> json = Combinators.combine(field, value).as(java.util.AbstractMap.SimpleEntry::new).list().ofMaxSize(4)
        .map(entries -> {
          Map<String, Object> m = new LinkedHashMap<>();
          entries.forEach(e -> m.put(e.getKey(), e.getValue()));
          return Json.write(m);
        });
    Arbitrary<byte[]> broken = Arbitraries.of("{", "}", "[]", "[1,2]", "null", "42", "\"s\"", "{\"state\":}",
            "{\"state\": \"new\"", "{'state': 'new'}", "{\"state\": \"\\u0000\"}", "{\"a\": 1e99999}",
            "\u0000", "state=accepted&delegate=1", "state=%00", "\uFEFF{}", "{\"state\": \"\\uD800\"}",
            "[".repeat(5000) + "]".repeat(5000))
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    // Bodies a client means: a patch update or a check, with odd but well-typed values.
    Arbitrary<byte[]> update = Combinators.combine(
            Arbitraries.of("new", "accepted", "Under Review", "superseded", "x"), Arbitraries.of(1, 2, 999),
            Arbitraries.of(true, false), text)
        .as((state, delegate, archived, ref) -> Json.write(
            Map.of("state", state, "delegate", delegate, "archived", archived, "commit_ref", ref)));
    Arbitrary<byte[]> check = Combinators.combine(
            Arbitraries.of("pending", "success", "warning", "fail", "2", "x"),
            Arbitraries.of("ci", "ci-1", "c i", "\u00e9"), Arbitraries.of("https://ci.example.com/1", "ftp://x", "x"),
            text)
        .as((state, context, url, description) -> Json.write(
            Map.of("state", state, "context", context, "target_url", url, "description", description)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, json), net.jqwik.api.Tuple.of(2, broken), net.jqwik.api.Tuple.of(1, bytes),
        net.jqwik.api.Tuple.of(2, update), net.jqwik.api.Tuple.of(2, check));
  }

  /** Any string, percent-encoded as UTF-8 so it survives into the request line. */
  private static Arbitrary<String> encoded(Arbitrary<String> strings) {
    return strings.map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  // ---- the oracle ----

  /** What came back: the status and the body as text. */
  record Answer(int statusCode, String body) {}

  /**
   * Sends {@code call} over a plain socket, byte for byte: the JDK's client refuses malformed
   * escapes in a URI and non-ASCII header values, which are exactly what a hostile client sends.
   */
  private static Answer send(Call call) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    String target = call.path() + (call.query().isEmpty() ? "" : "?" + call.query());
    head.writeBytes((call.method() + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + api.server.port()
        + "\r\nConnection: close\r\nContent-Length: " + call.body().length + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    if (call.contentType() != null) {
      head.writeBytes(("Content-Type: " + call.contentType() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    if (call.caller().header() != null) {
      head.writeBytes(("Authorization: " + call.caller().header() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      out.write(call.body());
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      var status = java.util.regex.Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(answer);
      assertTrue(status.find(), () -> call + " -> no status line: " + abbreviate(answer));
      int end = answer.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(status.group(1)), end < 0 ? "" : answer.substring(end + 4));
    }
  }

  /** What a write changes: a patch, a project (by id or link name), a user or a series. */
  record Target(String kind, String key) {}

  /** The resource a write to {@code path} would change, when the path names one. */
  private static Optional<Target> targetOf(String path) {
    var m = java.util.regex.Pattern.compile(
        "^/api/(?:1\\.[0-4]/)?(patches|projects|users|series)/([^/]+)/(checks/)?$").matcher(path);
    if (!m.matches() || (m.group(3) != null && !m.group(1).equals("patches"))) {
      return Optional.empty();
    }
    boolean numeric = m.group(2).matches("\\d{1,18}");
    return numeric || m.group(1).equals("projects") ? Optional.of(new Target(m.group(1), m.group(2))) : Optional.empty();
  }

  private static boolean exists(Target target) throws SQLException {
    String sql = switch (target.kind()) {
      case "patches" -> "SELECT 1 FROM patch WHERE CAST(id AS text) = ?";
      case "projects" -> "SELECT 1 FROM project WHERE CAST(id AS text) = ? OR linkname = ?";
      case "series" -> "SELECT 1 FROM series WHERE CAST(id AS text) = ?";
      default -> "SELECT 1 FROM auth_user WHERE CAST(id AS text) = ?";
    };
    try (Connection c = api.connect(); PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, target.key());
      if (target.kind().equals("projects")) {
        q.setString(2, target.key());
      }
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Patchwork's rules, written independently of the server: a patch by its submitter, delegate or
   * a maintainer; a project by its maintainers; a user by that user; a series by whoever may edit
   * each of its patches.
   */
  private static boolean mayEdit(long userId, Target target) throws SQLException {
    if (userId == 0) {
      return false;
    }
    if (target.kind().equals("users")) {
      return target.key().equals(Long.toString(userId));
    }
    if (target.kind().equals("series")) {
      List<Long> patches = new ArrayList<>();
      try (Connection c = api.connect();
          PreparedStatement q = c.prepareStatement("SELECT id FROM patch WHERE CAST(series_id AS text) = ?")) {
        q.setString(1, target.key());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            patches.add(rs.getLong(1));
          }
        }
      }
      for (long patch : patches) {
        if (!mayEdit(userId, new Target("patches", Long.toString(patch)))) {
          return false;
        }
      }
      return true;
    }
    String sql = target.kind().equals("projects")
        ? "SELECT 1 FROM project p WHERE (CAST(p.id AS text) = ? OR p.linkname = ?) AND EXISTS"
            + " (SELECT 1 FROM project_maintainer m WHERE m.project_id = p.id AND m.user_id = ?)"
        : "SELECT 1 FROM patch p JOIN person s ON s.id = p.submitter_id"
            + " WHERE CAST(p.id AS text) = ? AND (s.user_id = ? OR p.delegate_id = ? OR EXISTS (SELECT 1 FROM"
            + " project_maintainer m WHERE m.project_id = p.project_id AND m.user_id = ?))";
    try (Connection c = api.connect(); PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, target.key());
      if (target.kind().equals("projects")) {
        q.setString(2, target.key());
        q.setLong(3, userId);
      } else {
        q.setLong(2, userId);
        q.setLong(3, userId);
        q.setLong(4, userId);
      }
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A digest of every table's rows (order-independent), Flyway's history aside. */
  private static String snapshot() throws SQLException {
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema ="
          + " current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'"
          + " ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      String sql = tables.stream()
          .map(t -> "SELECT '" + t + "' AS t, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), ''))"
              + " AS d FROM \"" + t + "\" r")
          .collect(Collectors.joining(" UNION ALL ")) + " ORDER BY 1";
      StringBuilder digest = new StringBuilder();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          digest.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
        }
      }
      return digest.toString();
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
  }
}
