package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe user}: Create users, API tokens and maintainers. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create users, API tokens and maintainers.")
final class UserCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'user' is not built yet");
  }
}
