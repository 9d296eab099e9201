package org.patchpipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patchpipe bench}: benchmarks that print numbers; one subcommand per stage. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print numbers (messages/s, MB/s, p50/p99).",
    subcommands = {
      BenchParseCommand.class,
      BenchIngestCommand.class,
      BenchStoreCommand.class,
      BenchApiCommand.class,
      BenchImapCommand.class,
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
