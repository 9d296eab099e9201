package org.patchpipe.parser.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The one lookup of the shared reference folder (corpus, oracle, seed files) for every module's
 * tests: the {@code patchpipe.shared} system property, which the root pom sets to
 * {@code ../shared} beside the repository, else {@code ../shared} or {@code ../../shared} from the
 * working directory (the repository root or a module, when a test runs outside Maven). A test that
 * needs it is skipped, saying where it looked, when it is absent.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** The shared folder (holding {@code corpus/} and {@code oracle/}), or the test is skipped. */
  public static Path root() {
    Path root = locate();
    Assumptions.assumeTrue(isShared(root),
        "golden test skipped: no corpus/ and oracle/ under " + root.toAbsolutePath()
            + " (set -Dpatchpipe.shared=DIR or put the shared folder beside the repository)");
    return root;
  }

  /** A file or folder in the shared folder, or the test is skipped when it is absent. */
  public static Path resolve(String relative) {
    Path path = root().resolve(relative);
    Assumptions.assumeTrue(Files.exists(path), "golden test skipped: " + path.toAbsolutePath() + " is absent");
    return path;
  }

  private static Path locate() {
    String property = System.getProperty("patchpipe.shared");
    if (property != null) {
      return Path.of(property);
    }
    Path fromRoot = Path.of("../shared");
    return isShared(fromRoot) ? fromRoot : Path.of("../../shared");
  }

  private static boolean isShared(Path root) {
    return Files.isDirectory(root.resolve("corpus")) && Files.isDirectory(root.resolve("oracle"));
  }
}
