package org.patchpipe.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.MailSourceKind;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.RawMessage;

/**
 * An archive's messages read into memory before a benchmark starts its clock, so that the numbers
 * measure the stage and not the disk. Reads any input {@code replay} reads; defects are kept.
 */
final class ArchiveMessages {
  private ArchiveMessages() {}

  static List<RawMessage> load(Path archive) throws IOException {
    List<RawMessage> messages = new ArrayList<>();
    try (MailSource source = MailSourceKind.open(archive, Optional.empty())) {
      for (Optional<SourcedMessage> m = source.next(); m.isPresent(); m = source.next()) {
        messages.add(m.get().raw());
      }
    }
    return messages;
  }
}
