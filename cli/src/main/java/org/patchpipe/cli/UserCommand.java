package org.patchpipe.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchpipe user}: create users, API tokens, passwords and maintainers. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = {
      "Create users, API tokens, passwords and maintainers in the store's database.",
      "",
      "Works on a running 'patchpipe run' or 'patchpipe store' (same --data-dir or --db) and on a stopped one.",
    },
    subcommands = {UserAddCommand.class, UserTokenCommand.class, UserPasswordCommand.class, UserMaintainerCommand.class, UserListCommand.class},
    footer = {
      "",
      "Example: a maintainer who can change patch states with git-pw:",
      "  patchpipe user add alice --email alice@example.org",
      "  patchpipe user maintainer alice demo",
      "  patchpipe user token alice          # prints the API token",
      "  patchpipe user password alice       # or HTTP Basic: asks for a password",
    })
final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
