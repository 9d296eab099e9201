package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * Issue 12's proof: every GET resource of API 1.0 to 1.4, crawled on the openrisc archive loaded
 * into the store, validates against Patchwork's own OpenAPI schemas
 * ({@code ../shared/patchwork-api/schemas}). Each version's crawl starts at its index and follows
 * every API link the responses carry (lists, details, and every URL field in them), so a resource
 * the index gains is crawled without naming it here; it runs once with the maintainer's token
 * (authenticated-only fields and views) and once anonymously. Each answer must be a status the
 * schema describes for that path (a 404 on a link the API itself gave is a failure) and match its
 * schema. At most {@link #PER_SHAPE} URLs of one shape (the path with its ids replaced) are visited
 * per crawl. Prints how many responses validated per version; fails listing each failure with its
 * request, JSON pointer and message. Skipped where {@code ../shared} is absent.
 *
 * <p>Where Patchwork's own answers break its schemas, the same answer is accepted here, and only
 * there: the rules (schema places) Patchwork's recorded responses in
 * {@code ../shared/oracle/api/openrisc} break, found by validating those responses the same way.
 * Today these are a series' {@code cover_letter} of null (a series without a cover) and
 * {@code headers} mixing strings and lists (a list only where a header repeats), where the schemas
 * say one or the other. Every accepted rule is printed with how often it was met.
 *
 * <p>On the same store, {@link #commentEventsAreRecordedForEveryCommentAndServedFromApi13On} holds
 * the comment events to the oracle, whose recorded event lists (API 1.2) have none.
 */
@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSchemaCrawlIT {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
  private static final int PER_SHAPE = 3;

  /** One crawl's outcome: responses validated per 1.x minor version, and failures. */
  private record Outcome(Map<Integer, Integer> validated, List<String> failures) {}

  private HikariDataSource dataSource;
  private ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  /** The openrisc archive, the oracle's maintainer, and a few writes through the API. */
  @BeforeAll
  void load(TestDatabase db) throws Exception {
    Path mbox = SharedFiles.resolve("corpus/openrisc.mbox.gz");
    try (Connection c = db.connect()) {
      assertEquals(2950, CorpusLoader.load(c, mbox, "openrisc.lists.librecores.org"));
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO auth_user (id, username, email) VALUES (1, 'maintainer', 'maintainer@example.com')");
        s.execute("INSERT INTO project_maintainer (user_id, project_id) VALUES (1, 1)");
        s.execute("INSERT INTO api_token (key, user_id) VALUES ('" + TOKEN + "', 1)");
      }
    }
    dataSource = ApiFixture.dataSource(db.jdbcUrl(), db.user(), 4);
    server = ApiServer.start(ApiConfig.ephemeral(), dataSource);
    base = server.baseUrl();
    // So that checks, a delegate, a state change and an addressed comment exist to be crawled.
    send("PATCH", "/api/1.2/patches/1/", "{\"state\": \"accepted\", \"delegate\": 1}");
    send("POST", "/api/1.2/patches/1/checks/", "{\"state\": \"success\", \"context\": \"ci\","
        + " \"target_url\": \"https://ci.example.com/1\", \"description\": \"built\"}");
    send("PATCH", "/api/1.3/patches/1/comments/1/", "{\"addressed\": true}");
    // A public bundle, so that the crawl meets one.
    HttpResponse<String> bundle = request("POST", "/api/1.2/bundles/",
        "{\"name\": \"crawl\", \"public\": true, \"patches\": [1, 2]}");
    assertEquals(201, bundle.statusCode(), "bundle create: " + bundle.body());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
      dataSource.close();
    }
  }

  @Test
  void everyGetResourceValidatesAgainstPatchworksSchemas() throws Exception {
    Path schemasDir = SharedFiles.resolve("patchwork-api/schemas");
    Map<Integer, OpenApiSchemas> schemas = new TreeMap<>();
    for (int minor = 0; minor <= Urls.LATEST_MINOR; minor++) {
      schemas.put(minor, OpenApiSchemas.load(schemasDir, minor));
    }
    Map<String, String> patchworkBreaks = patchworkBreaks(SharedFiles.resolve("oracle/api/openrisc"), schemas);
    Map<String, Integer> accepted = new TreeMap<>();
    Map<Integer, Integer> validated = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int minor = 0; minor <= Urls.LATEST_MINOR; minor++) {
      for (String token : new String[] {TOKEN, null}) {
        Outcome outcome = crawl("/api/1." + minor + "/", token, schemas, patchworkBreaks, accepted);
        outcome.validated().forEach((v, n) -> validated.merge(v, n, Integer::sum));
        failures.addAll(outcome.failures());
      }
    }
    validated.forEach((minor, n) -> System.out.println("API 1." + minor + ": " + n + " responses validated"));
    accepted.forEach((rule, n) -> System.out.println("accepted " + n + " times, as Patchwork answers the same ("
        + patchworkBreaks.get(rule) + "): " + rule));
    assertTrue(validated.values().stream().allMatch(n -> n > 0), "every version crawled: " + validated);
    assertEquals(List.of(), failures, "responses that do not match Patchwork's schemas");
  }

  /**
   * The oracle's event lists hold no comment events, and that is what Patchwork main (which the
   * oracle ran) answers, not a gap: it records {@code patch-comment-created} and
   * {@code cover-comment-created} for every comment but leaves them out of the event list below API
   * 1.3, and the oracle asked only at 1.2. So the golden replay compares the 1.2 lists unchanged,
   * and here the store is held to the rest: one event per comment the oracle kept, none at 1.2,
   * served from 1.3 on with a comment link that resolves.
   */
  @Test
  void commentEventsAreRecordedForEveryCommentAndServedFromApi13On() throws Exception {
    Map<String, String> kinds = new HashMap<>();
    List<JsonNode> records = Corpus.oracle(SharedFiles.resolve("oracle/openrisc.jsonl.gz"));
    records.stream().filter(r -> r.get("kind").asText().matches("patch|cover"))
        .forEach(r -> kinds.putIfAbsent(r.get("msgid").asText(), r.get("kind").asText()));
    Map<String, Integer> expected = new TreeMap<>();
    records.stream().filter(r -> r.get("kind").asText().equals("comment"))
        .forEach(r -> expected.merge(kinds.get(r.get("parent").asText()) + "-comment-created", 1, Integer::sum));
    Map<String, Integer> stored = new TreeMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT category, count(*) FROM event WHERE category LIKE '%-comment-created'"
            + " GROUP BY category")) {
      while (rs.next()) {
        stored.put(rs.getString(1), rs.getInt(2));
      }
    }
    assertEquals(expected, stored, "one event per comment Patchwork kept");
    for (String category : expected.keySet()) {
      assertEquals(0, get("/api/1.2/events/?category=" + category).size(), "hidden below 1.3: " + category);
      JsonNode page = get("/api/1.3/events/?category=" + category);
      assertEquals(30, page.size(), category);
      String url = page.get(0).get("payload").get("comment").get("url").asText();
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), url);
    }
  }

  private JsonNode get(String path) throws Exception {
    return Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /**
   * The rules Patchwork's own recorded answers break, each with one response that breaks it: every
   * recorded API GET with a JSON body, validated against its version's schema.
   */
  private static Map<String, String> patchworkBreaks(Path oracle, Map<Integer, OpenApiSchemas> schemas)
      throws IOException {
    Map<String, String> breaks = new TreeMap<>();
    for (JsonNode entry : Json.mapper().readTree(oracle.resolve("index.json").toFile())) {
      JsonNode recorded = Json.mapper().readTree(oracle.resolve(entry.get("file").asText()).toFile());
      String[] request = recorded.get("request").asText().split(" ", 2);
      String path = URI.create(request[1]).getPath();
      if (!request[0].equals("GET") || !path.startsWith("/api/") || recorded.get("body").isTextual()) {
        continue;
      }
      for (OpenApiSchemas.Violation v : schemas.get(minorOf(path)).validate(versioned(path),
          recorded.get("status").asInt(), recorded.get("body"))) {
        breaks.putIfAbsent(v.rule(), "Patchwork's " + recorded.get("request").asText() + " at " + v.pointer());
      }
    }
    return breaks;
  }

  private Outcome crawl(String index, String token, Map<Integer, OpenApiSchemas> schemas,
      Map<String, String> patchworkBreaks, Map<String, Integer> accepted) throws IOException, InterruptedException {
    Map<Integer, Integer> validated = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Deque<String> queue = new ArrayDeque<>(List.of(index));
    Set<String> seen = new HashSet<>(queue);
    Map<String, Integer> shapes = new HashMap<>();
    String who = token == null ? "anonymous" : "with a token";
    while (!queue.isEmpty()) {
      String path = queue.poll();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
      if (token != null) {
        request.header("Authorization", "Token " + token);
      }
      HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
      int minor = minorOf(path);
      String versioned = versioned(path);
      OpenApiSchemas schema = schemas.get(minor);
      String label = "GET " + path + " (" + who + ") " + response.statusCode();
      JsonNode body;
      try {
        body = Json.mapper().readTree(response.body());
      } catch (IOException e) {
        failures.add(label + ": not JSON: " + e.getMessage());
        continue;
      }
      List<OpenApiSchemas.Violation> violations = new ArrayList<>();
      for (OpenApiSchemas.Violation v : schema.validate(versioned, response.statusCode(), body)) {
        if (patchworkBreaks.containsKey(v.rule())) {
          accepted.merge(v.rule(), 1, Integer::sum);
        } else {
          violations.add(v);
        }
      }
      if (violations.isEmpty()) {
        validated.merge(minor, 1, Integer::sum);
      } else {
        violations.forEach(v -> failures.add(label + ": " + v));
      }
      for (String link : links(body, base)) {
        String shape = link.replaceAll("/\\d+(?=/)", "/{n}");
        if (seen.add(link) && shapes.merge(shape, 1, Integer::sum) <= PER_SHAPE) {
          queue.add(link);
        }
      }
    }
    return new Outcome(validated, failures);
  }

  /** The path with its version: {@code /api/patches/1/} is {@code /api/1.4/patches/1/}. */
  private static String versioned(String path) {
    return minorOf(path) == Urls.LATEST_MINOR && !path.startsWith("/api/1.")
        ? "/api/1." + Urls.LATEST_MINOR + "/" + path.substring("/api/".length()) : path;
  }

  /** The 1.x minor version a path is served at: its prefix's, or the latest for the unversioned {@code /api/}. */
  private static int minorOf(String path) {
    return path.matches("^/api/1\\.\\d/.*") ? path.charAt("/api/1.".length()) - '0' : Urls.LATEST_MINOR;
  }

  /** Every API link in a response, in document order, as a path (query strings, site pages and downloads left out). */
  private static Set<String> links(JsonNode node, String base) {
    Set<String> out = new LinkedHashSet<>();
    collect(node, base, out);
    return out;
  }

  private static void collect(JsonNode node, String base, Set<String> out) {
    if (node.isTextual()) {
      String text = node.asText();
      if (text.startsWith(base + "/api/") && !text.contains("?")) {
        out.add(text.substring(base.length()));
      }
    } else {
      node.forEach(child -> collect(child, base, out));
    }
  }

  private void send(String method, String path, String json) throws Exception {
    HttpResponse<String> r = request(method, path, json);
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
  }

  private HttpResponse<String> request(String method, String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").header("Authorization", "Token " + TOKEN)
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
