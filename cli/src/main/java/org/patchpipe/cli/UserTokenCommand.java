package org.patchpipe.cli;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code patchpipe user token}: print (creating if needed) a user's API token. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = {"Print the user's API token, creating it if the user has none.",
        "Clients send it as 'Authorization: Token <token>' (git-pw: --token)."})
final class UserTokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Parameters(index = "0", paramLabel = "USERNAME", description = "The user.")
  String username;

  @Option(names = "--renew", description = "Replace the existing token with a new one.")
  boolean renew;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      spec.commandLine().getOut().println(new UserRepository(c, new SecureRandom()).token(username, renew));
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
