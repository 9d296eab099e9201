package org.patchpipe.commits;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the shared corpus and oracle are; golden tests skip, saying so, where they are absent. */
final class SharedCorpus {
  private SharedCorpus() {}

  static Path root() {
    Path shared = Path.of(System.getProperty("patchpipe.shared", "../../shared"));
    Assumptions.assumeTrue(Files.isDirectory(shared.resolve("oracle")),
        "skipped: the shared corpus and oracle are not at " + shared.toAbsolutePath()
            + " (set -Dpatchpipe.shared)");
    return shared;
  }
}
