package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe bench ingest}: Replay archives into the broker end to end. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Replay archives into the broker end to end.")
final class BenchIngestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'bench ingest' is not built yet");
  }
}
