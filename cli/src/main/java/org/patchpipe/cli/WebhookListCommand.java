package org.patchpipe.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.patchpipe.store.db.WebhookRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchpipe webhook list}: the webhooks and their filters, never their secrets. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List webhooks (secrets are not shown).")
final class WebhookListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-4s %-8s %-16s %-40s %s%n", "ID", "ENABLED", "PROJECT", "CATEGORIES", "URL");
      for (WebhookRepository.Webhook w : new WebhookRepository(c).list()) {
        out.printf("%-4d %-8s %-16s %-40s %s%n", w.id(), w.enabled() ? "yes" : "no",
            w.project() == null ? "(all)" : w.project(),
            w.categories().isEmpty() ? "(all)" : String.join(",", w.categories()), w.url());
      }
      return ExitCodes.OK;
    }
  }
}
