package org.patchpipe.event;

/**
 * Bytes that are not a valid patchpipe event or position: malformed JSON, a missing or mistyped
 * field, an unknown kind or a newer schema version. Not retriable: the same bytes fail the same way,
 * so a consumer sets the record aside (with this message as the reason) and goes on.
 */
public final class EventFormatException extends RuntimeException {
  public EventFormatException(String message) {
    super(message);
  }

  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
