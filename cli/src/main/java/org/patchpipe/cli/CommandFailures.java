package org.patchpipe.cli;

import org.patchpipe.ingest.imap.ImapException;
import org.patchpipe.ingest.kafka.PublishException;
import org.patchpipe.store.runtime.DatabaseUnavailableException;
import org.patchpipe.store.runtime.StoreStartException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine;

/**
 * The one place an exception that ends a command becomes an exit code and a message. Failures a
 * person can act on (a {@link UserError}, a store that cannot start, Kafka failing for good, an
 * IMAP folder that gave up) print one line {@code patchpipe: MESSAGE} without a stack trace; any
 * other exception is a bug and keeps picocli's stack trace and its exit code 1. picocli asks the
 * mapper for a command line it cannot parse too: that stays {@link ExitCodes#USAGE}.
 *
 * <p>A failure is told by its type, never by its message: Kafka's is a {@link PublishException}
 * (its fenced kind included), thrown as such or as the cause of the {@link ImapException} that
 * stopped a daemon's folder.
 */
final class CommandFailures implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
  private static final int SOFTWARE = CommandLine.ExitCode.SOFTWARE;

  @Override
  public int getExitCode(Throwable failure) {
    if (failure instanceof CommandLine.ParameterException
        || failure instanceof UserError
        || failure instanceof StoreStartException
        || failure instanceof DatabaseUnavailableException) {
      return ExitCodes.USAGE;
    }
    if (failure instanceof PublishException) {
      return ExitCodes.KAFKA_FAILED;
    }
    if (failure instanceof ImapException) {
      return causedByKafka(failure) ? ExitCodes.KAFKA_FAILED : ExitCodes.USAGE;
    }
    return SOFTWARE;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed)
      throws Exception {
    int code = getExitCode(failure);
    if (code == SOFTWARE) {
      throw failure;
    }
    commandLine.getErr().println("patchpipe: " + message(failure));
    commandLine.getErr().flush();
    return code;
  }

  private static String message(Exception failure) {
    if (failure instanceof DatabaseUnavailableException) {
      return failure.getMessage() + " (check --db, --db-user and the password variable)";
    }
    return failure.getMessage();
  }

  private static boolean causedByKafka(Throwable failure) {
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof PublishException) {
        return true;
      }
    }
    return false;
  }
}
