package org.patchpipe.ingest;

/**
 * Whether the owner of a replay wants it to stop early, asked by the ingest loop between
 * messages: once it answers yes, the loop reads nothing more, commits the batch in hand with its
 * position and returns, so a stopped replay resumes exactly where it ended. Implementations are
 * read from the publishing thread and set from another (a signal handler), so they must be
 * thread-safe. {@link #NEVER} runs every input to its end.
 */
@FunctionalInterface
public interface StopRequest {
  StopRequest NEVER = () -> false;

  /** True once a stop has been asked for; never goes back to false. */
  boolean requested();
}
