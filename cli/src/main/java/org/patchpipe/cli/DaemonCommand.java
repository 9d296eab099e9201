package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe daemon}: Follow IMAP folders with IDLE and publish new mail to Kafka. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = "Follow IMAP folders with IDLE and publish new mail to Kafka.")
final class DaemonCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'daemon' is not built yet");
  }
}
