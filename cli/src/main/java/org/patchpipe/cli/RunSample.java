package org.patchpipe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sample mbox {@code patchpipe run} replays when given no input: a small, hand-written demo
 * list (a three-patch series with cover letter and its v2, reviews with Acked-by, Reviewed-by and
 * Tested-by, a reply that arrives before its patch, a single patch, an RFC, a pull request and a
 * mail that is not a patch). Copied once into the data directory so that every run replays the
 * same path, and a second run finds it already published.
 */
final class RunSample {
  static final String RESOURCE = "sample.mbox";
  static final String LIST_ID = "demo.lists.patchpipe.org";

  private RunSample() {}

  /** The sample's path under {@code dataDir}, written there if missing or different. */
  static Path install(Path dataDir) {
    Path target = dataDir.resolve("sample").resolve("demo.mbox");
    try (InputStream in = RunSample.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the sample mbox is missing from the patchpipe jar");
      }
      byte[] bytes = in.readAllBytes();
      if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample mbox to " + target, e);
    }
  }
}
