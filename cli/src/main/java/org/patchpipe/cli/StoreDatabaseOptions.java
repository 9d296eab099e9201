package org.patchpipe.cli;

import java.nio.file.Path;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Option;

/**
 * The database options (a picocli mixin) of every command that uses the store's database:
 * {@code store}, {@code user}, {@code match-commits} and {@code revisions link}. An external
 * PostgreSQL by {@code --db}, or the embedded one kept under {@code --data-dir}.
 */
final class StoreDatabaseOptions {
  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "PostgreSQL database, e.g. jdbc:postgresql://localhost/patchpipe. Default: an embedded PostgreSQL under --data-dir.")
  String jdbcUrl;

  @Option(names = "--db-user", paramLabel = "USER", description = "Database user for --db (default: ${DEFAULT-VALUE}).",
      defaultValue = "patchpipe")
  String user;

  @Option(names = "--db-password-env", paramLabel = "VAR",
      description = "Environment variable holding the --db password (default: ${DEFAULT-VALUE}; unset means no password).",
      defaultValue = "PATCHPIPE_DB_PASSWORD")
  String passwordVariable;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded PostgreSQL keeps its data (default: ${DEFAULT-VALUE}).",
      defaultValue = "patchpipe-data")
  Path dataDir;

  /** Opens the database these options name, starting the embedded server if needed. */
  StoreRuntime open() {
    if (jdbcUrl != null) {
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new UserError("--db must be a jdbc:postgresql:// URL, e.g. jdbc:postgresql://localhost/patchpipe");
      }
      String password = System.getenv(passwordVariable);
      return StoreRuntime.open(StoreRuntime.Database.external(jdbcUrl, user, password == null ? "" : password));
    }
    return StoreRuntime.open(StoreRuntime.Database.embedded(dataDir.resolve("postgres")));
  }
}
