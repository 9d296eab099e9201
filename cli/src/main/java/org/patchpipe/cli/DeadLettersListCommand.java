package org.patchpipe.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.patchpipe.store.consume.PoisonEvent;
import org.patchpipe.store.consume.PoisonEvents;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchpipe store dead-letters list}: one line per set-aside event. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the set-aside events: id, topic-partition@offset, state, first failed, reason.")
final class DeadLettersListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreDatabaseOptions database;

  @Override
  public Integer call() throws SQLException {
    try (StoreRuntime db = database.open(); Connection c = db.connect()) {
      PrintWriter out = spec.commandLine().getOut();
      List<PoisonEvent> rows = PoisonEvents.list(c);
      if (rows.isEmpty()) {
        out.println("no events were set aside");
        return ExitCodes.OK;
      }
      out.printf(Locale.ROOT, "%-5s %-40s %-9s %-19s %s%n", "ID", "TOPIC-PARTITION@OFFSET", "STATE", "FIRST FAILED",
          "REASON");
      for (PoisonEvent row : rows) {
        out.println(line(row));
      }
      return ExitCodes.OK;
    }
  }

  static String line(PoisonEvent row) {
    return String.format(Locale.ROOT, "%-5d %-40s %-9s %-19s %s", row.id(),
        row.topic() + "-" + row.partition() + "@" + row.offset(), row.state().name().toLowerCase(Locale.ROOT),
        row.firstFailed().withNano(0).toString().replace('T', ' '), row.reason());
  }
}
