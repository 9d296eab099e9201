package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe parse}: Parse mail to JSON Lines, as Patchwork would store it. */
@Command(name = "parse", mixinStandardHelpOptions = true, description = "Parse mail to JSON Lines, as Patchwork would store it.")
final class ParseCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'parse' is not built yet");
  }
}
