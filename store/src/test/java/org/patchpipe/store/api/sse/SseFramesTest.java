package org.patchpipe.store.api.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The event-stream format: one data line per line, so no line break can end an event early. */
class SseFramesTest {
  @Test
  void anEventIsItsIdAndDataLinesThenABlankLine() {
    assertEquals("id: 7\ndata: {\"a\":1}\n\n", text(SseFrames.event(7, "{\"a\":1}")));
  }

  @Test
  void everyLineBreakStartsAnotherDataLine() {
    assertEquals("id: 1\ndata: a\ndata: b\ndata: c\ndata: \n\n", text(SseFrames.event(1, "a\r\nb\rc\n")));
  }

  @Test
  void heartbeatAndRetry() {
    assertEquals(": ping\n\n", text(SseFrames.PING));
    assertEquals("retry: 2000\n\n", text(SseFrames.retry(2000)));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
