package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe bench imap}: IMAP APPEND-to-Kafka latency and backfill rate. */
@Command(name = "imap", mixinStandardHelpOptions = true, description = "IMAP APPEND-to-Kafka latency and backfill rate.")
final class BenchImapCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'bench imap' is not built yet");
  }
}
