package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe bench}: Benchmarks that print numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print numbers.")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'bench' is not built yet");
  }
}
