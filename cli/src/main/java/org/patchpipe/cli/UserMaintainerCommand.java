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

/** {@code patchpipe user maintainer}: make a user a project's maintainer (or stop). */
@Command(name = "maintainer", mixinStandardHelpOptions = true,
    description = "Make the user a maintainer of the project: maintainers may change patch states and delegates.")
final class UserMaintainerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Parameters(index = "0", paramLabel = "USERNAME", description = "The user.")
  String username;

  @Parameters(index = "1", paramLabel = "PROJECT", description = "The project's link name, e.g. demo.")
  String project;

  @Option(names = "--remove", description = "Remove the user from the project's maintainers instead.")
  boolean remove;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      new UserRepository(c, new SecureRandom()).maintainer(username, project, remove);
      spec.commandLine().getOut().println(username + (remove ? " no longer maintains " : " maintains ") + project);
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
