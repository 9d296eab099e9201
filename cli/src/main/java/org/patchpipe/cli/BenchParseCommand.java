package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe bench parse}: Parse throughput on list archives, single thread and all cores. */
@Command(name = "parse", mixinStandardHelpOptions = true, description = "Parse throughput on list archives, single thread and all cores.")
final class BenchParseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'bench parse' is not built yet");
  }
}
