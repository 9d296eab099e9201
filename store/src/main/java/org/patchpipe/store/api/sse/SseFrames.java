package org.patchpipe.store.api.sse;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of Server-Sent Events (the WHATWG {@code text/event-stream} format): an event with its
 * id and data, a comment (heartbeat), the client's reconnection delay.
 */
public final class SseFrames {
  /** The heartbeat: a comment, which EventSource ignores, keeping proxies and the TCP path awake. */
  public static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

  private SseFrames() {}

  /**
   * One event: {@code id:} then the data, one {@code data:} line per line of it (JSON has none, but
   * a line break must never end the event early), and the blank line that dispatches it.
   */
  public static byte[] event(long id, String data) {
    StringBuilder frame = new StringBuilder().append("id: ").append(id).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The delay EventSource waits before reconnecting, in milliseconds. */
  public static byte[] retry(long millis) {
    return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
  }
}
