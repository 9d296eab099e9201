package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe bench store}: Store ingest rate and API latency. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Store ingest rate and API latency.")
final class BenchStoreCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'bench store' is not built yet");
  }
}
