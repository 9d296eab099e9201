package org.patchpipe.parser.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * The two real list archives against what Patchwork stored for them ({@code oracle/NAME.jsonl.gz}):
 * every message parsed and tracked in arrival order, compared field by field after the whole
 * archive, as the oracle was written. Prints per-field agreement and every difference.
 */
class ArchiveGoldenTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"openrisc.lists.librecores.org", "linux-efi.vger.kernel.org"})
  void archiveMatchesPatchwork(String listId) throws IOException {
    Path shared = SharedFiles.root();
    Project project = Project.ofListId(listId);
    String name = project.linkName();
    List<RawMessage> raws = CorpusMessages.mboxrdGzip(shared.resolve("corpus/" + name + ".mbox.gz"));
    List<JsonNode> oracle = Corpus.oracle(shared.resolve("oracle/" + name + ".jsonl.gz"));
    assertEquals(oracle.size(), raws.size(), "one oracle record per archived message");
    List<ParsedMail> mails = GoldenCorpus.parse(raws, project);

    List<String> where = new ArrayList<>();
    for (int i = 0; i < mails.size(); i++) {
      where.add(name + " #" + i + " " + oracle.get(Math.min(i, oracle.size() - 1)).path("msgid").asText());
    }
    GoldenCorpus.Run run = new GoldenCorpus.Run(name);
    run.compare(where, oracle, mails);
    run.printAndCheck();
  }
}
