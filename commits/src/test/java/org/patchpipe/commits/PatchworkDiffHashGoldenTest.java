package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holds {@link PatchworkDiffHash} to the hash real Patchwork stored for every corpus patch. */
class PatchworkDiffHashGoldenTest {
  static Path shared() {
    String root = System.getProperty("patchpipe.shared", "../../shared");
    Path shared = Path.of(root);
    Assumptions.assumeTrue(Files.isDirectory(shared.resolve("oracle")),
        "skipped: the shared corpus and oracle are not at " + shared.toAbsolutePath()
            + " (set -Dpatchpipe.shared)");
    return shared;
  }

  @ParameterizedTest
  @ValueSource(strings = {"openrisc", "linux-efi", "patchwork-tests"})
  void everyOraclePatchHashMatches(String archive) throws IOException {
    Path oracle = shared().resolve("oracle").resolve(archive + ".jsonl.gz");
    ObjectMapper json = new ObjectMapper();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(oracle)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode record = json.readTree(line);
        if (!record.path("hash").isTextual()) {
          continue;
        }
        checked++;
        String mine = PatchworkDiffHash.of(record.get("diff").asText());
        if (!mine.equals(record.get("hash").asText())) {
          wrong.add(record.get("msgid").asText());
        }
      }
    }
    assertTrue(checked > 0, "the oracle has patches with a hash");
    assertEquals(List.of(), wrong, checked + " patches checked");
  }
}
