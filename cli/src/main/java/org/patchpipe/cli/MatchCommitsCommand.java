package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe match-commits}: Mark patches accepted from a git branch's history. */
@Command(name = "match-commits", mixinStandardHelpOptions = true, description = "Mark patches accepted from a git branch's history.")
final class MatchCommitsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'match-commits' is not built yet");
  }
}
