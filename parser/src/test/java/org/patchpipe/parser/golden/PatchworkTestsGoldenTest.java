package org.patchpipe.parser.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * Patchwork's own test mails ({@code corpus/patchwork-tests}: mail/, fuzz/, series/) against {@code
 * oracle/patchwork-tests.jsonl.gz}, read as the oracle README says: each mail/ and fuzz/ file is one
 * message (eight mail/ files get {@code Message-Id: <STEM@patchwork-tests>} appended), each series/
 * file is a Python mailbox parsed into its own fresh state.
 */
class PatchworkTestsGoldenTest {
  private static final Project TEST = new Project("test", "test.example.com", "test@example.com");
  private static final Set<String> INJECTED_MSGID =
      Set.of("0008", "0009", "0011", "0017", "0021", "0025", "0026", "0027");

  @Test
  void patchworkTestMailsMatchPatchwork() throws IOException {
    Path shared = SharedFiles.root();
    Path corpus = shared.resolve("corpus/patchwork-tests");
    Map<String, List<JsonNode>> byFile = new LinkedHashMap<>();
    for (JsonNode record : Corpus.oracle(shared.resolve("oracle/patchwork-tests.jsonl.gz"))) {
      byFile.computeIfAbsent(record.get("file").asText(), f -> new ArrayList<>()).add(record);
    }
    GoldenCorpus.Run run = new GoldenCorpus.Run("patchwork-tests");
    int records = 0;
    for (Map.Entry<String, List<JsonNode>> file : byFile.entrySet()) {
      Path path = corpus.resolve(file.getKey());
      List<RawMessage> raws;
      if (file.getKey().startsWith("series/")) {
        raws = CorpusMessages.pythonMbox(path);
      } else {
        String stem = path.getFileName().toString().replaceFirst("\\.mbox$", "");
        boolean inject = file.getKey().startsWith("mail/") && INJECTED_MSGID.contains(stem.substring(0, 4));
        raws = List.of(CorpusMessages.wholeFile(path, inject ? "Message-Id: <" + stem + "@patchwork-tests>" : null));
      }
      List<ParsedMail> mails = GoldenCorpus.parse(raws, TEST);
      List<String> where = new ArrayList<>();
      for (int i = 0; i < mails.size(); i++) {
        where.add(file.getKey() + " #" + i);
      }
      run.compare(where, file.getValue(), mails);
      records += mails.size();
    }
    assertEquals(143, records, "the oracle README counts 143 records in 71 files");
    assertEquals(71, byFile.size());
    run.printAndCheck();
    // Every file present in the corpus folders is covered (templates excepted, as in the oracle).
    try (var files = Files.walk(corpus)) {
      long mboxes = files.filter(p -> p.toString().endsWith(".mbox") && !p.toString().contains("/patches/")).count();
      assertEquals(byFile.size(), mboxes);
    }
  }
}
