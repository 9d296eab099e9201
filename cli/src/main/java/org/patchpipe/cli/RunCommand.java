package org.patchpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code patchpipe run}: Start broker, replay, store and API in one process on embedded defaults. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start broker, replay, store and API in one process on embedded defaults.")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'run' is not built yet");
  }
}
