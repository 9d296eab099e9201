package org.patchpipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.MailSourceKind;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MessageIds;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * The corpus mboxes split into exactly the messages Patchwork's oracle has, in the same order:
 * message N's Message-ID is the oracle's record N's msgid, wherever Patchwork read one. Skipped
 * where {@code ../shared} is absent.
 */
class MboxGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"openrisc", "linux-efi"})
  void messageNIsTheOraclesRecordN(String list) throws Exception {
    Path mbox = SharedFiles.resolve("corpus/" + list + ".mbox.gz");
    Path oracle = SharedFiles.resolve("oracle/" + list + ".jsonl.gz");
    List<String> expected = new ArrayList<>();
    for (JsonNode record : Corpus.oracle(oracle)) {
      assertEquals(expected.size(), record.get("index").asInt());
      expected.add(record.get("msgid").isNull() ? null : record.get("msgid").asText());
    }
    int index = 0;
    int compared = 0;
    try (MailSource source = MailSourceKind.open(mbox, Optional.empty())) {
      for (Optional<SourcedMessage> m = source.next(); m.isPresent(); m = source.next()) {
        String want = expected.get(index);
        if (want != null) {
          assertEquals(Optional.of(want), MessageIds.find(m.get().raw()), "message " + index);
          compared++;
        }
        index++;
      }
    }
    assertEquals(expected.size(), index, "messages in " + mbox);
    assertEquals(true, compared > expected.size() * 9 / 10, "compared " + compared);
  }
}
