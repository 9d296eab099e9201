package org.patchpipe.store.api;

/**
 * The body of an answer that goes on after its handler returns (Server-Sent Events): the server
 * sends the status and headers with chunked encoding, then hands the open {@link ResponseStream}
 * to {@link #open}, which must return at once (it runs on a request thread) and keeps the stream
 * to write to and close later. {@link #abandon} is called instead when the body will never be
 * sent (a HEAD request, or the client gone before the headers), so a reserved slot can be freed.
 */
public interface StreamBody {
  /** Takes over the open stream; must not block. */
  void open(ResponseStream stream);

  /** The stream will not be opened. */
  default void abandon() {}
}
