package org.patchpipe.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.patchpipe.store.db.WebhookDeliveryRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code patchpipe webhook deliveries}: the delivery log, newest first. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
    description = "Show the newest deliveries: attempts, last HTTP status, latency, outcome and the next attempt.")
final class WebhookDeliveriesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Only this webhook's (default: all).")
  Long id;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-8s %-8s %-8s %-7s %-7s %-10s %-10s %s%n",
          "WEBHOOK", "EVENT", "ATTEMPT", "STATUS", "MS", "OUTCOME", "WHEN", "ERROR");
      for (WebhookDeliveryRepository.Logged d : new WebhookDeliveryRepository(c).log(id, Math.max(1, limit))) {
        String when = d.delivered() != null ? d.delivered().toString()
            : d.nextAttempt() != null ? "next " + d.nextAttempt() : "";
        out.printf("%-8d %-8d %-8d %-7s %-7s %-10s %-10s %s%n", d.webhookId(), d.eventId(), d.attempt(),
            d.status() == null ? "-" : d.status(), d.latencyMs() == null ? "-" : d.latencyMs(), d.outcome(), when,
            d.error() == null ? "" : d.error());
      }
      return ExitCodes.OK;
    }
  }
}
