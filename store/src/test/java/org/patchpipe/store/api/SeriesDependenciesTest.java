package org.patchpipe.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.store.embedded.SharedPostgres;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * R10.5 end to end on Patchwork's own dependency test mails
 * ({@code ../shared/corpus/patchwork-tests/series/dependency-*}, their placeholders filled as its
 * {@code SeriesDependencyTestCase} does): the base series arrives, then a series whose cover
 * letter or patches say {@code Depends-on:} by Message-ID or by URL; the store keeps the
 * dependency and API 1.4 shows it as {@code dependencies}/{@code dependents} where the project
 * enables {@code show_dependencies}, and nowhere else.
 */
@ExtendWith(SharedPostgres.class)
class SeriesDependenciesTest {
  private static final String LIST_ID = "test.example.com";
  private static final String BASE_COVER = "<20240610210912.161735-1-ahassick@iol.unh.edu>";
  private static final String BASE_PATCH_2 = "20240610210912.161735-5-ahassick@iol.unh.edu";

  /** Loads the base series (series 1) and the template (series 2) with its placeholders filled. */
  private static ApiFixture loaded(TestDatabase db, String template, Map<String, String> tokens) throws Exception {
    Path dir = SharedFiles.resolve("corpus/patchwork-tests/series");
    List<byte[]> mails = new ArrayList<>(Corpus.pythonMbox(dir.resolve("dependency-base-patch.mbox")));
    String text = new String(Corpus.read(dir.resolve(template)), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> token : tokens.entrySet()) {
      text = text.replace("{" + token.getKey() + "}", token.getValue());
    }
    mails.addAll(org.patchpipe.parser.testing.MboxSplitter.pythonMbox(text.getBytes(StandardCharsets.UTF_8)));
    try (Connection c = db.connect()) {
      CorpusLoader.load(c, mails, LIST_ID);
    }
    return ApiFixture.over(db);
  }

  private static JsonNode json(ApiFixture api, String path) throws Exception {
    return Json.mapper().readTree(api.get(path).body());
  }

  private static void showDependencies(ApiFixture api, boolean show) throws SQLException {
    try (Connection c = api.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE project SET show_dependencies = " + show);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void coverLetterNamingTheBaseCoverByMessageId(TestDatabase db) throws Exception {
    try (ApiFixture api = loaded(db, "dependency-one-cover.mbox.template", Map.of("depends_token", BASE_COVER))) {
      showDependencies(api, true);
      JsonNode dependent = json(api, "/api/1.4/series/2/");
      assertEquals(List.of(api.url("/api/1.4/series/1/")), texts(dependent.get("dependencies")));
      assertEquals(List.of(), texts(dependent.get("dependents")));
      assertEquals(List.of(api.url("/api/1.4/series/2/")), texts(json(api, "/api/1.4/series/1/").get("dependents")));
      assertEquals(List.of(api.url("/api/series/1/")), texts(json(api, "/api/series/2/").get("dependencies")));
      assertTrue(json(api, "/api/1.4/projects/1/").get("show_dependencies").asBoolean());

      JsonNode older = json(api, "/api/1.3/series/2/");
      assertFalse(older.has("dependencies") || older.has("dependents"), "1.3 has no dependencies: " + older);
      assertFalse(json(api, "/api/1.3/projects/1/").has("show_dependencies"));

      showDependencies(api, false);
      JsonNode hidden = json(api, "/api/1.4/series/2/");
      assertFalse(hidden.has("dependencies") || hidden.has("dependents"), "the project hides them: " + hidden);
      assertFalse(json(api, "/api/1.4/projects/1/").get("show_dependencies").asBoolean());
    }
  }

  @Test
  void patchesNamingTheBaseByUrlsAreOneDependency(TestDatabase db) throws Exception {
    try (ApiFixture api = loaded(db, "dependency-multi-2.mbox.template", Map.of(
        "depends_token_1", "http://example.com/project/test/list/?series=1",
        "depends_token_2", "https://example.com/project/test/patch/" + BASE_PATCH_2 + "/"))) {
      showDependencies(api, true);
      assertEquals(List.of(api.url("/api/1.4/series/1/")), texts(json(api, "/api/1.4/series/2/").get("dependencies")));
      assertEquals(List.of(), texts(json(api, "/api/1.4/series/1/").get("dependencies")));
    }
  }

  @Test
  void aSeriesNeverDependsOnItselfNorOnWhatDoesNotExist(TestDatabase db) throws Exception {
    try (ApiFixture api = loaded(db, "dependency-multi.mbox.template", Map.of(
        "depends_token_1", "http://example.com/project/test/list/?series=2",
        "depends_token_2", "<nobody@example.com>"))) {
      showDependencies(api, true);
      assertEquals(List.of(), texts(json(api, "/api/1.4/series/2/").get("dependencies")));
      assertEquals(List.of(), texts(json(api, "/api/1.4/series/1/").get("dependents")));
    }
  }
}
