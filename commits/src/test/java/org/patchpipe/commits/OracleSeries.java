package org.patchpipe.commits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The series real Patchwork stored for a corpus archive (shared/oracle/*.jsonl.gz), as
 * {@link SeriesMail}s: every patch and cover letter record that has a series.
 */
final class OracleSeries {
  final List<SeriesMail> mails = new ArrayList<>();
  /** Series id to its name: the oracle's series name, else the first mail's name. */
  final Map<Long, String> names = new LinkedHashMap<>();

  static OracleSeries read(Path jsonlGz, Predicate<JsonNode> records) throws IOException {
    return read(jsonlGz, records, null);
  }

  /** Reads the records; where {@code byFile} is given, also files each mail under its oracle file. */
  static OracleSeries read(Path jsonlGz, Predicate<JsonNode> records, Map<String, List<SeriesMail>> byFile)
      throws IOException {
    OracleSeries out = new OracleSeries();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(jsonlGz)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode r = json.readTree(line);
        JsonNode series = r.path("series");
        if (!records.test(r) || !series.isObject()) {
          continue;
        }
        long id = series.get("id").asLong();
        List<String> refs = new ArrayList<>();
        JsonNode headers = r.path("headers");
        for (String h : List.of("In-Reply-To", "References")) {
          JsonNode v = headers.path(h);
          List<JsonNode> values = new ArrayList<>();
          if (v.isArray()) {
            v.forEach(values::add);
          } else if (v.isTextual()) {
            values.add(v);
          }
          for (JsonNode value : values) {
            refs.addAll(SeriesRevisions.references(h + ": " + value.asText()));
          }
        }
        SeriesMail mail = new SeriesMail(id, series.get("version").asInt(), r.at("/submitter/email").asText(),
            LocalDateTime.parse(r.get("date").asText()), r.get("msgid").asText(), r.get("name").asText(),
            refs, r.path("content").asText(null));
        out.mails.add(mail);
        if (byFile != null) {
          byFile.computeIfAbsent(r.get("file").asText(), k -> new ArrayList<>()).add(mail);
        }
        String name = series.path("name").isTextual() ? series.get("name").asText() : r.get("name").asText();
        out.names.putIfAbsent(id, name);
      }
    }
    return out;
  }
}
