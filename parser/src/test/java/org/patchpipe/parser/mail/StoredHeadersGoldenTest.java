package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * The API {@code headers} object (R12.1-R12.3) of every kept message of the shared corpus against
 * the oracle's {@code headers} field. Two sources of the stored block are checked: the mail
 * parser's own {@link Envelope#headers()} (skipped with a message while the parser is not built),
 * and {@link ReferenceStoredHeaders}, a test-only header scan and chunking that exercises
 * {@link HeaderEncoder} and {@link ApiHeaders} alone. Prints agreement and every difference;
 * requires 99.5% of messages identical. Skips when the shared folder is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredHeadersGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double REQUIRED = 0.995;
  /** mail/ files the oracle gave a fixed Message-Id (oracle README). */
  private static final Set<String> INJECTED = Set.of("0008", "0009", "0011", "0017", "0021", "0025",
      "0026", "0027");

  /** One message and the oracle's rendering of its stored headers. */
  private record Case(String label, byte[] message, Map<String, Object> expected, Project project) {}

  private List<Case> cases;

  @BeforeAll
  void readCorpus() throws IOException {
    cases = cases();
  }

  @Test
  void referenceBlockMatchesOracle() {
    report("reference", cases, c -> ReferenceStoredHeaders.of(c.message()));
  }

  @Test
  void mailParserBlockMatchesOracle() {
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    report("mail parser", cases, c -> {
      ParsedMail parsed = parser.parse(RawMessage.of(c.message()), c.project());
      Envelope envelope = envelopeOf(parsed);
      return envelope == null ? "<no envelope: " + parsed + ">" : envelope.headers();
    });
  }

  private static Envelope envelopeOf(ParsedMail parsed) {
    return parsed instanceof ParsedMail.Kept kept ? kept.envelope() : null;
  }

  private static void report(String source, List<Case> cases, Function<Case, String> stored) {
    int same = 0;
    List<String> differences = new ArrayList<>();
    for (Case c : cases) {
      String block = stored.apply(c);
      Map<String, Object> rendered = block.startsWith("<no envelope") ? Map.of("?", block)
          : ApiHeaders.render(block);
      String difference = difference(c.expected(), rendered);
      if (difference == null) {
        same++;
      } else {
        differences.add(c.label() + ": " + difference);
      }
    }
    double agreement = (double) same / cases.size();
    System.out.printf("StoredHeadersGoldenTest [%s]: %d of %d messages identical (%.3f%%)%n",
        source, same, cases.size(), 100 * agreement);
    differences.forEach(d -> System.out.println("  DIFF " + d));
    assertTrue(agreement >= REQUIRED, source + ": " + same + "/" + cases.size()
        + " identical, below " + REQUIRED + "; first difference: "
        + (differences.isEmpty() ? "-" : differences.get(0)));
  }

  /** The first differing key (order counts), or null where both objects are identical. */
  private static String difference(Map<String, Object> expected, Map<String, Object> actual) {
    if (expected.equals(actual) && List.copyOf(expected.keySet()).equals(List.copyOf(actual.keySet()))) {
      return null;
    }
    for (String key : expected.keySet()) {
      if (!Objects.equals(expected.get(key), actual.get(key))) {
        return "header " + key + ": oracle " + quote(expected.get(key)) + " vs ours "
            + quote(actual.get(key));
      }
    }
    for (String key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        return "extra header " + key + ": " + quote(actual.get(key));
      }
    }
    return "key order: oracle " + expected.keySet() + " vs ours " + actual.keySet();
  }

  private static String quote(Object value) {
    return value == null ? "(absent)" : "'" + value.toString().replace("\n", "\\n").replace("\t", "\\t") + "'";
  }

  private static List<Case> cases() throws IOException {
    Path shared = SharedFiles.root();
    List<Case> cases = new ArrayList<>();
    for (String archive : List.of("openrisc", "linux-efi")) {
      List<byte[]> messages = Corpus.mboxrd(shared.resolve("corpus/" + archive + ".mbox.gz"));
      String listId = archive.equals("openrisc") ? "openrisc.lists.librecores.org" : "linux-efi.vger.kernel.org";
      Project project = Project.ofListId(listId);
      for (Map<String, Object> record : oracle(shared.resolve("oracle/" + archive + ".jsonl.gz"))) {
        int index = ((Number) record.get("index")).intValue();
        addCase(cases, archive + "#" + index, messages.get(index), record, project);
      }
    }
    Project test = Project.ofListId("test.example.com");
    Map<String, List<byte[]>> files = new LinkedHashMap<>();
    Path corpus = shared.resolve("corpus/patchwork-tests");
    for (Map<String, Object> record : oracle(shared.resolve("oracle/patchwork-tests.jsonl.gz"))) {
      String file = (String) record.get("file");
      List<byte[]> messages = files.computeIfAbsent(file, f -> read(corpus.resolve(f), f));
      int index = ((Number) record.get("index")).intValue();
      addCase(cases, file + "#" + index, messages.get(index), record, test);
    }
    return cases;
  }

  @SuppressWarnings("unchecked")
  private static void addCase(List<Case> cases, String label, byte[] message,
      Map<String, Object> record, Project project) {
    Object headers = record.get("headers");
    if (headers != null) {
      cases.add(new Case(label, message, (Map<String, Object>) headers, project));
    }
  }

  private static List<byte[]> read(Path path, String file) {
    if (file.startsWith("series/")) {
      return Corpus.pythonMbox(path);
    }
    String stem = path.getFileName().toString().replace(".mbox", "");
    boolean inject = file.startsWith("mail/") && INJECTED.contains(stem.substring(0, 4));
    return List.of(Corpus.wholeFile(path, inject ? "Message-Id: <" + stem + "@patchwork-tests>" : null));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> oracle(Path jsonlGz) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (JsonNode record : Corpus.oracle(jsonlGz)) {
      records.add(JSON.convertValue(record, Map.class));
    }
    return records;
  }
}
