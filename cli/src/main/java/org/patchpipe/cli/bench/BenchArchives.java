package org.patchpipe.cli.bench;

import org.patchpipe.cli.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmarks' default input, the one place that knows where the shared reference folder is:
 * the {@code patchpipe.shared} system property, else {@code ../shared} beside the repository (so
 * the benchmarks run from the repository root), and in it the two list archives.
 */
final class BenchArchives {
  private BenchArchives() {}

  /**
   * {@code corpus/openrisc.mbox.gz} and {@code corpus/linux-efi.mbox.gz} of the shared folder.
   *
   * @param otherwise what the user can do instead, for the message when they are absent
   * @throws UserError if either is absent
   */
  static List<Path> defaults(String otherwise) {
    Path corpus = Path.of(System.getProperty("patchpipe.shared", "../shared")).resolve("corpus");
    List<Path> paths = List.of(corpus.resolve("openrisc.mbox.gz"), corpus.resolve("linux-efi.mbox.gz"));
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new UserError(path.toAbsolutePath() + " not found: run from the repository root beside ../shared, " + otherwise);
      }
    }
    return paths;
  }
}
