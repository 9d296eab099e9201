package org.patchpipe.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code patchpipe ARGS...} in a new JVM with this test JVM's class path, its standard
 * error in {@code log}, so tests can send it real signals. {@link Process#toHandle()}{@code
 * .destroy()} sends SIGTERM and, unlike {@link Process#destroy()}, leaves its output readable.
 */
final class PatchpipeProcess {
  private PatchpipeProcess() {}

  static Process start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        "-cp", System.getProperty("java.class.path"),
        PatchpipeCommand.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }
}
