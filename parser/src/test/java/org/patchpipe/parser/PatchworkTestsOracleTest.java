package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.parser.testing.MboxSplitter;
import org.patchpipe.parser.oracle.StatelessComparison;

/**
 * Golden test over Patchwork's own test mails (shared/corpus/patchwork-tests) against what
 * Patchwork stored for them (shared/oracle/patchwork-tests.jsonl.gz): the stateless fields only.
 */
class PatchworkTestsOracleTest {
  /** The mail/ files the oracle gave a Message-Id (appended as the last header). */
  static final Set<String> INJECTED =
      Set.of("0008", "0009", "0011", "0017", "0021", "0025", "0026", "0027");

  static final Project TEST_PROJECT = new Project("test", "test.example.com", "test@example.com");

  @Test
  void statelessFieldsMatchPatchwork() {
    Path shared = SharedFiles.root();
    Path tests = shared.resolve("corpus/patchwork-tests");
    List<JsonNode> oracle = Corpus.oracle(shared.resolve("oracle/patchwork-tests.jsonl.gz"));
    Map<String, List<byte[]>> files = new HashMap<>();
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    StatelessComparison cmp = new StatelessComparison();
    for (JsonNode o : oracle) {
      String file = o.get("file").asText();
      int index = o.get("index").asInt();
      List<byte[]> mails = files.computeIfAbsent(file, f -> load(tests, f));
      ParsedMail mine = parser.parse(RawMessage.of(mails.get(index)), TEST_PROJECT);
      cmp.compare(file + "#" + index, o, mine);
    }
    assertEquals(143, cmp.compared());
    assertTrue(cmp.differences().isEmpty(), String.join("\n", cmp.differences()));
  }

  static List<byte[]> load(Path tests, String file) {
    byte[] data = Corpus.read(tests.resolve(file));
    if (file.startsWith("series/")) {
      return MboxSplitter.pythonMbox(data);
    }
    String stem = file.substring(file.indexOf('/') + 1, file.length() - ".mbox".length());
    if (file.startsWith("mail/") && INJECTED.contains(stem.substring(0, 4))) {
      data = injectMessageId(data, "<" + stem + "@patchwork-tests>");
    }
    return List.of(data);
  }

  /** Appends {@code Message-Id: id} as the last header (before the first empty line). */
  static byte[] injectMessageId(byte[] mail, String id) {
    String s = new String(mail, StandardCharsets.ISO_8859_1);
    int blank = s.indexOf("\n\n");
    String header = "Message-Id: " + id + "\n";
    String out = blank < 0 ? s + header : s.substring(0, blank + 1) + header + s.substring(blank + 1);
    return out.getBytes(StandardCharsets.ISO_8859_1);
  }
}
