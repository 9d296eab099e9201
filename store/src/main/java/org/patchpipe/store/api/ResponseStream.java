package org.patchpipe.store.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The open body of a streaming answer ({@link StreamBody}), once the server has sent its headers
 * (chunked). The JDK server keeps the exchange and its connection open after the handler returns,
 * until {@link #close}; so whoever holds this writes on its own threads and no request thread waits
 * on the client. Writes are flushed at once, each becoming one chunk. Not for concurrent writers:
 * one writer at a time, as the SSE hub guarantees; {@link #close} may come from any thread.
 */
public final class ResponseStream implements AutoCloseable {
  private final HttpExchange exchange;
  private final OutputStream out;
  private volatile boolean closed;

  ResponseStream(HttpExchange exchange) {
    this.exchange = exchange;
    this.out = exchange.getResponseBody();
  }

  /** Writes and flushes {@code bytes}; fails once the client has gone or the stream is closed. */
  public void write(byte[] bytes) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    out.write(bytes);
    out.flush();
  }

  /** The client's address, for logs. */
  public String remote() {
    return String.valueOf(exchange.getRemoteAddress());
  }

  public boolean isClosed() {
    return closed;
  }

  /** Ends the body (the last chunk) and releases the exchange; idempotent, never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    exchange.close();
  }
}
