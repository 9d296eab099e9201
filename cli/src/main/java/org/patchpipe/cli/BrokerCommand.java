package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe broker}: Run a single-node KRaft Kafka broker. */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "Run a single-node KRaft Kafka broker.")
final class BrokerCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'broker' is not built yet");
  }
}
