package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.patchpipe.ingest.kafka.PublishException;
import org.patchpipe.ingest.kafka.PublisherFencedException;
import org.patchpipe.store.runtime.DatabaseUnavailableException;
import org.patchpipe.store.runtime.StoreStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Each failure type ends a command with its one exit code and message, however it is worded. */
class CommandFailuresTest {
  @Command(name = "fails")
  static final class Failing implements Callable<Integer> {
    private final RuntimeException failure;

    Failing(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() {
      throw failure;
    }
  }

  private record Run(int exit, String err) {}

  private static Run run(RuntimeException failure, String... args) {
    CommandLine cmd = new CommandLine(new Failing(failure));
    CommandFailures failures = new CommandFailures();
    cmd.setExecutionExceptionHandler(failures);
    cmd.setExitCodeExceptionMapper(failures);
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err));
    return new Run(cmd.execute(args), err.toString());
  }

  @Test
  void aUserErrorIsAUsageErrorOnOneLine() {
    Run run = run(new UserError("no such input: x"));
    assertEquals(ExitCodes.USAGE, run.exit());
    assertEquals("patchpipe: no such input: x" + System.lineSeparator(), run.err());
  }

  @Test
  void kafkaFailingIsKafkaFailedWhateverTheMessageSays() {
    assertEquals(ExitCodes.KAFKA_FAILED, run(new PublishException("unreachable", null)).exit());
    Run fenced = run(new PublisherFencedException("stopped", null));
    assertEquals(ExitCodes.KAFKA_FAILED, fenced.exit());
    assertEquals("patchpipe: stopped" + System.lineSeparator(), fenced.err());
  }

  @Test
  void aStoreThatCannotStartIsAUsageErrorAndAnUnusableDatabaseNamesTheFlags() {
    assertEquals(ExitCodes.USAGE, run(new StoreStartException("port 8000 in use", null)).exit());
    Run db = run(new DatabaseUnavailableException("jdbc:postgresql://db/p", new SQLException("refused")));
    assertEquals(ExitCodes.USAGE, db.exit());
    assertEquals("patchpipe: cannot use the database jdbc:postgresql://db/p: refused"
        + " (check --db, --db-user and the password variable)" + System.lineSeparator(), db.err());
  }

  @Test
  void aBadCommandLineStaysAUsageError() {
    assertEquals(ExitCodes.USAGE, run(new UserError("unused"), "--no-such-option").exit());
  }

  @Test
  void aBugKeepsItsStackTraceAndExitCodeOne() {
    Run run = run(new IllegalStateException("a bug"));
    assertEquals(CommandLine.ExitCode.SOFTWARE, run.exit());
    assertTrue(run.err().contains("java.lang.IllegalStateException: a bug"), run.err());
    assertFalse(run.err().startsWith("patchpipe: "), run.err());
  }
}
