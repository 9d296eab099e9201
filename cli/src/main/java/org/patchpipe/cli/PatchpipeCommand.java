package org.patchpipe.cli;

import org.patchpipe.cli.bench.BenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The top-level {@code patchpipe} command. Each subcommand is one class (the benchmarks' in
 * {@code org.patchpipe.cli.bench}); {@link CommandFailures} turns a failure into one line and its
 * exit code, such as {@link ExitCodes#USAGE} for a {@link UserError}.
 */
@Command(
    name = "patchpipe",
    mixinStandardHelpOptions = true,
    version = "patchpipe 0.1.0",
    description = "A patch tracker for mailing-list development: mail in, Patchwork's REST API out.",
    subcommands = {
      CommandLine.HelpCommand.class,
      RunCommand.class,
      ParseCommand.class,
      BenchCommand.class,
      BrokerCommand.class,
      ReplayCommand.class,
      StoreCommand.class,
      UserCommand.class,
      WebhookCommand.class,
      DaemonCommand.class,
      MatchCommitsCommand.class,
      RevisionsCommand.class,
    })
public final class PatchpipeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with patchpipe's exception mapping, also used by tests. */
  public static CommandLine newCommandLine() {
    CommandLine cmd = new CommandLine(new PatchpipeCommand());
    CommandFailures failures = new CommandFailures();
    cmd.setExecutionExceptionHandler(failures);
    cmd.setExitCodeExceptionMapper(failures);
    return cmd;
  }
}
