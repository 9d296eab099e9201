package org.patchpipe.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code patchpipe webhook remove}: deletes a webhook and its log; a running store stops it within seconds. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a webhook and its delivery log.")
final class WebhookRemoveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Parameters(index = "0", paramLabel = "ID", description = "The webhook's id (see 'webhook list').")
  long id;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      if (!new WebhookRepository(c).remove(id)) {
        throw new UserError("no webhook " + id);
      }
      spec.commandLine().getOut().println("removed webhook " + id);
      return ExitCodes.OK;
    }
  }
}
