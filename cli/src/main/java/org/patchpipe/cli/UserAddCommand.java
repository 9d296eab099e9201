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

/** {@code patchpipe user add}: create a user (Patchwork's User with its profile). */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Create a user. Mail already stored from the same address is linked to the user.")
final class UserAddCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Parameters(index = "0", paramLabel = "USERNAME", description = "The login name.")
  String username;

  @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The user's email address.")
  String email;

  @Option(names = "--first-name", paramLabel = "NAME", description = "First name.")
  String firstName;

  @Option(names = "--last-name", paramLabel = "NAME", description = "Last name.")
  String lastName;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding a password for HTTP basic authentication (default: none; tokens work without one).")
  String passwordVariable;

  @Option(names = "--superuser", description = "Make the user an administrator.")
  boolean superuser;

  @Override
  public Integer call() throws SQLException {
    String password = null;
    if (passwordVariable != null) {
      password = System.getenv(passwordVariable);
      if (password == null || password.isEmpty()) {
        throw new UserError("environment variable " + passwordVariable + " is empty: export the password first");
      }
    }
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      long id = new UserRepository(c, new SecureRandom()).add(username, email, firstName, lastName, password, superuser);
      spec.commandLine().getOut().println("created user " + username + " (id " + id + ")");
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
