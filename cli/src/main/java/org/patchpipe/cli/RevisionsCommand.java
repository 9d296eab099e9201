package org.patchpipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patchpipe revisions}: link each new revision of a series to the one before. */
@Command(
    name = "revisions",
    mixinStandardHelpOptions = true,
    description = {
      "Link each new revision of a series to the one before it, and supersede the older one's patches.",
      "",
      "A series is a newer revision of an earlier one when both carry the same change-id: line (b4),"
          + " when a Supersedes: line names a mail of the earlier one, when the same submitter replies"
          + " in the earlier one's thread with a version at least as high, or when the same submitter"
          + " sends a higher version with a patch or cover letter of the same subject (or an"
          + " unchanged resend).",
    },
    subcommands = {CommandLine.HelpCommand.class, RevisionsLinkCommand.class, RevisionsReportCommand.class})
final class RevisionsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
