package org.patchpipe.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchpipe user list}: the users, their maintained projects and whether they have a token. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
final class UserListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      PrintWriter out = spec.commandLine().getOut();
      for (UserRepository.User u : new UserRepository(c, new SecureRandom()).list()) {
        out.printf("%-4d %-20s %-32s %s%s%s%n", u.id(), u.username(), u.email(),
            u.superuser() ? "superuser " : "",
            u.maintainerOf().isEmpty() ? "" : "maintains " + String.join(",", u.maintainerOf()) + " ",
            u.hasToken() ? "token" : "");
      }
      return ExitCodes.OK;
    }
  }
}
