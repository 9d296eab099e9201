package org.patchpipe.broker;

/**
 * The embedded broker could not start or stop: the data directory cannot be formatted or read
 * (wrong owner, a directory of another cluster), or the port is taken. Not retriable as is; the
 * message says what to fix. The cause is kept.
 */
public final class BrokerException extends RuntimeException {
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
