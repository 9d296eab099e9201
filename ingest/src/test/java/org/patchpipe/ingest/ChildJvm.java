package org.patchpipe.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link ReplayChild} in a new JVM with this test JVM's class path. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Path log, List<String> jvmOptions, List<String> args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReplayChild.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectError(log.toFile())
        .start();
  }
}
