package org.patchpipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code patchpipe} command. Each subcommand is one class; a {@link UserError} is
 * printed as one line and exits with {@link ExitCodes#USAGE}.
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
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserError) {
            commandLine.getErr().println("patchpipe: " + ex.getMessage());
            return ExitCodes.USAGE;
          }
          throw ex;
        });
    return cmd;
  }
}
