package org.patchpipe.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmarks' scratch directories: each benchmark runs its broker, database and mail server
 * in a temporary directory and removes it at the end. Removal is best effort: a file that will not
 * go is reported and left to the system's temporary-file cleaning, never failing the run.
 */
final class BenchFiles {
  private BenchFiles() {}

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("patchpipe: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
