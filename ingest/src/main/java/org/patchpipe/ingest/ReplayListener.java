package org.patchpipe.ingest;

/**
 * Told what a replay is doing, for progress lines and logs. Called on the publishing thread; keep
 * it quick. {@link #NONE} ignores everything.
 */
public interface ReplayListener {
  ReplayListener NONE = new ReplayListener() {};

  /** A source is about to be read; {@code resumeFrom} describes its committed position, if any. */
  default void sourceStarted(String sourceId, String resumeFrom) {}

  /** A transaction was committed. */
  default void committed(ReplayProgress progress) {}

  /** A source was read to its end; {@code failure} says why it ended early, or is null. */
  default void sourceFinished(String sourceId, long messages, String failure) {}
}
