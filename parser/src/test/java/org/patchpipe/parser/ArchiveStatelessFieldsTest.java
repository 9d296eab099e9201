package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;
import org.patchpipe.parser.testing.MboxSplitter;
import org.patchpipe.parser.oracle.StatelessComparison;

/**
 * The stateless fields of every message of the two real list archives against what Patchwork
 * stored (shared/oracle/NAME.jsonl.gz). Series, parents and final person names are the series
 * golden tests' business.
 */
class ArchiveStatelessFieldsTest {
  @ParameterizedTest
  @CsvSource({"openrisc, openrisc.lists.librecores.org", "linux-efi, linux-efi.vger.kernel.org"})
  void statelessFieldsMatchPatchwork(String archive, String listId) {
    Path shared = SharedFiles.root();
    List<byte[]> mails = MboxSplitter.mboxrd(Corpus.read(shared.resolve("corpus/" + archive + ".mbox.gz")));
    List<JsonNode> oracle = Corpus.oracle(shared.resolve("oracle/" + archive + ".jsonl.gz"));
    assertEquals(oracle.size(), mails.size(), "messages in the archive");
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    Project project = Project.ofListId(listId);
    StatelessComparison cmp = new StatelessComparison();
    for (JsonNode o : oracle) {
      int index = o.get("index").asInt();
      cmp.compare(archive + "#" + index, o, parser.parse(RawMessage.of(mails.get(index)), project));
    }
    List<String> diffs = cmp.differences();
    assertTrue(diffs.isEmpty(), diffs.size() + " differences:\n" + String.join("\n", diffs.subList(0, Math.min(40, diffs.size()))));
  }
}
