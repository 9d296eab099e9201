package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe replay}: Replay mbox, Maildir or public-inbox archives into Kafka, exactly once. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay mbox, Maildir or public-inbox archives into Kafka, exactly once.")
final class ReplayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'replay' is not built yet");
  }
}
