package org.patchpipe.store.consume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failed write is worth trying again as it is. {@link #RETRIABLE}: the database or the
 * way to it failed (connection lost, server restarting or out of resources, a serialization
 * failure or deadlock), and the same events will succeed later, so the consumer backs off and
 * reads them again. {@link #DATA}: the events themselves are refused (a data exception such as a
 * NUL in text, a constraint, a program limit, a parser or tracker failure), and trying them again
 * unchanged fails the same way for ever, so the consumer finds the event to blame and sets it aside
 * ({@link PoisonEvents}). Classified once here, from the whole cause chain: any retriable cause
 * makes the failure retriable, because a {@link org.patchpipe.store.db.StoreException} or a
 * runtime wrapper often carries the real reason as its cause.
 */
enum FailureKind {
  RETRIABLE,
  DATA;

  /**
   * SQLState classes of failures outside the data: 08 connection, 40 transaction rollback
   * (serialization, deadlock), 42 access rule or schema (a revoked grant, a missing table: every
   * event would fail alike, and setting them all aside would empty the topic into the table, so the
   * store waits for the operator instead), 53 insufficient resources, 57 operator intervention
   * (shutdown, cancel), 58 system error.
   */
  private static final Set<String> RETRIABLE_CLASSES = Set.of("08", "40", "42", "53", "57", "58");

  /** The kind of {@code failure}, judged from it and every cause. */
  static FailureKind of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (retriable(t)) {
        return RETRIABLE;
      }
      if (t instanceof SQLException e) {
        for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
          if (retriable(next)) {
            return RETRIABLE;
          }
        }
      }
    }
    return DATA;
  }

  /** The first SQLState in {@code failure}'s cause chain, or null. */
  static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return e.getSQLState();
      }
    }
    return null;
  }

  /**
   * Why {@code failure} happened, for people: the database's own message where there is one (for
   * a JDBC batch, the entry's next exception, not the statement with its parameters), else the
   * exception itself.
   */
  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException e) {
        SQLException root = e.getNextException() != null ? e.getNextException() : e;
        return root.getMessage();
      }
    }
    return failure.toString();
  }

  private static boolean retriable(Throwable t) {
    if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
        || t instanceof IOException || t instanceof UncheckedIOException) {
      return true;
    }
    if (t instanceof SQLException e) {
      String state = e.getSQLState();
      return state != null && state.length() >= 2 && RETRIABLE_CLASSES.contains(state.substring(0, 2));
    }
    return false;
  }
}
