package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe store}: Consume events into PostgreSQL and serve Patchwork's REST API 1.2. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Consume events into PostgreSQL and serve Patchwork's REST API 1.2.")
final class StoreCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'store' is not built yet");
  }
}
