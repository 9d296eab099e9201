package org.patchpipe.cli;

/** Process exit codes, one meaning each; {@link CommandFailures} maps exceptions onto them. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Some input could not be processed; the run finished. */
  public static final int PARTIAL = 1;
  /** The command line or its files are wrong: see the message. */
  public static final int USAGE = 2;
  /** Kafka failed for good: unreachable past the retry window, refusing, or another process fenced us. */
  public static final int KAFKA_FAILED = 3;

  private ExitCodes() {}
}
