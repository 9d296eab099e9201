package org.patchpipe.cli;

import java.nio.file.Path;
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

/** {@code patchpipe user password}: set a user's password for HTTP Basic (and the web login). */
@Command(name = "password", mixinStandardHelpOptions = true,
    description = {"Set the user's password, read from the terminal (asked twice), from standard input"
        + " (its first line) or from --password-file; never from the command line.",
        "Stored as an Argon2id hash. Clients send it as HTTP Basic (git-pw: pw.username and pw.password)."})
final class UserPasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Parameters(index = "0", paramLabel = "USERNAME", description = "The user.")
  String username;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "Read the password from the first line of FILE instead of standard input.")
  Path passwordFile;

  @Override
  public Integer call() throws SQLException {
    // Read before opening the database: a terminal prompt should not wait behind PostgreSQL's start.
    String password = PasswordInput.read(passwordFile, System.console(), System.in);
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      new UserRepository(c, new SecureRandom()).password(username, password);
      spec.commandLine().getOut().println("password of " + username + " set");
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
