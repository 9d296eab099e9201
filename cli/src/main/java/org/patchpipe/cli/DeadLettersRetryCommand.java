package org.patchpipe.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.patchpipe.store.consume.PoisonEvent;
import org.patchpipe.store.consume.PoisonEvents;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe store dead-letters retry}: marks set-aside events for a retry and waits for the
 * running store to resolve them. Only marks: the store is the database's one writer, so it writes
 * the events (exactly once) and this command reads the outcome.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = {"Ask the store to write set-aside events again (after a fix), and wait for the outcome.",
      "Rows pending or failed are retried; a running 'store' or 'run' picks them up within a few seconds,"
          + " a stopped one when it starts."})
final class DeadLettersRetryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @ArgGroup(multiplicity = "1")
  Which which;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long to wait for the running store to retry them (default: ${DEFAULT-VALUE}; 0: do not wait).")
  int waitSeconds;

  /** The ids given, or all. */
  static final class Which {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Ids from 'dead-letters list'.")
    List<Long> ids;

    @Option(names = "--all", required = true, description = "Retry every pending or failed event.")
    boolean all;
  }

  @Override
  public Integer call() throws SQLException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      c.setAutoCommit(true);
      List<Long> marked = which.all ? PoisonEvents.requestRetryAll(c) : PoisonEvents.requestRetry(c, which.ids);
      if (marked.isEmpty()) {
        out.println("nothing to retry: no such event is pending or failed (see 'dead-letters list')");
        return which.all ? ExitCodes.OK : ExitCodes.PARTIAL;
      }
      out.println("marked " + marked.size() + " event(s) for a retry: " + marked);
      out.flush();
      List<PoisonEvent> rows = awaitResolved(c, marked);
      int open = 0;
      for (PoisonEvent row : rows) {
        if (row.state() == PoisonEvent.State.RETRYING) {
          open++;
        }
        out.println(DeadLettersListCommand.line(row));
      }
      if (open > 0) {
        out.println(open + " event(s) not retried yet: the store retries them when 'patchpipe store' or"
            + " 'patchpipe run' runs on this database");
      }
      // Refused again is a partial outcome; not retried yet is not a failure (it will be).
      return rows.stream().anyMatch(r -> r.state() == PoisonEvent.State.FAILED) ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
  }

  private List<PoisonEvent> awaitResolved(Connection c, List<Long> ids) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    while (true) {
      List<PoisonEvent> rows = PoisonEvents.list(c).stream().filter(r -> ids.contains(r.id())).toList();
      boolean pending = rows.stream().anyMatch(r -> r.state() == PoisonEvent.State.RETRYING);
      if (!pending || System.nanoTime() >= deadline) {
        return rows;
      }
      Thread.sleep(500);
    }
  }
}
