package org.patchpipe.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code patchpipe ARGS...} in a new JVM with this test JVM's class path, its standard
 * error in {@code log}, so tests can send it real signals. {@link Process#toHandle()}{@code
 * .destroy()} sends SIGTERM and, unlike {@link Process#destroy()}, leaves its output readable.
 */
final class PatchpipeProcess {
  private PatchpipeProcess() {}

  static Process start(Path log, List<String> args) throws IOException {
    return start(log, args, Map.of());
  }

  /** Like {@link #start(Path, List)}, with {@code environment} added to this JVM's. */
  static Process start(Path log, List<String> args, Map<String, String> environment) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        "-cp", System.getProperty("java.class.path"),
        PatchpipeCommand.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }
}
