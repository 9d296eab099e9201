package org.patchpipe.commits;

/**
 * A failure of commit matching or revision linking the user can fix (unknown branch, project or
 * state), with a message that says what to do. Database failures stay {@link java.sql.SQLException}
 * and repository failures {@link java.io.UncheckedIOException}.
 */
public final class CommitMatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommitMatchException(String message) {
    super(message);
  }
}
