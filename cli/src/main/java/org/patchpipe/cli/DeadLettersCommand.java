package org.patchpipe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchpipe store dead-letters}: the events the store set aside, and retrying them after a fix. */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    description = {
      "Show the events the store set aside because PostgreSQL or the tracker refused them, and retry them.",
      "",
      "A set-aside event is kept in the database's poison_event table (and copied to the dead-letter topic)"
          + " while the store goes on with the rest. After a fix, 'retry' asks the store to write it again; the"
          + " running store is the database's only writer, so it does the retry and stores the event exactly once.",
    },
    subcommands = {DeadLettersListCommand.class, DeadLettersRetryCommand.class},
    footer = {
      "",
      "Examples:",
      "  patchpipe store dead-letters list",
      "  patchpipe store dead-letters retry 3 4",
      "  patchpipe store dead-letters retry --all --wait 60",
    })
final class DeadLettersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
