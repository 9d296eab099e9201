package org.patchpipe.cli;

/**
 * A failure the user can fix (a missing file, a bad flag value): printed as one line without a
 * stack trace. The message says what to do.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
