package org.patchpipe.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code patchpipe bench}: benchmarks that print numbers; one subcommand per stage. Only this parent
 * is public: {@code PatchpipeCommand} lists it, and the stages live here beside it.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print numbers (messages/s, MB/s, p50/p99), and a soak test of them all at once.",
    subcommands = {
      BenchParseCommand.class,
      BenchIngestCommand.class,
      BenchStoreCommand.class,
      BenchApiCommand.class,
      BenchWebhooksCommand.class,
      BenchWebCommand.class,
      BenchImapCommand.class,
      BenchSoakCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
