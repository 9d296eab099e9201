package org.patchpipe.store.api.sse;

import java.util.ArrayDeque;
import org.patchpipe.store.api.ResponseStream;

/**
 * One subscriber of an {@link SseHub}: its open stream, what it subscribed to, and the frames
 * waiting to be written, at most the hub's queue limit. Its state is guarded by its own lock, so
 * offering a frame never waits on the client's socket.
 *
 * @param <S> what the client subscribed to (e.g. an event filter)
 */
public final class SseClient<S> {
  private final ResponseStream stream;
  private final S subscription;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private boolean scheduled;
  private boolean closed;
  private boolean closeWhenDrained;
  /** When the write in progress began (System.nanoTime), 0 when none is. */
  private volatile long writingSince;

  SseClient(ResponseStream stream, S subscription) {
    this.stream = stream;
    this.subscription = subscription;
  }

  public S subscription() {
    return subscription;
  }

  /** Queues {@code frame}; false if the client is closed or already holds {@code limit} frames. */
  synchronized boolean enqueue(byte[] frame, int limit) {
    if (closed || closeWhenDrained || queue.size() >= limit) {
      return false;
    }
    queue.add(frame);
    return true;
  }

  /** Whether the caller must schedule a drain (none is scheduled yet). */
  synchronized boolean claimDrain() {
    if (scheduled || closed || (queue.isEmpty() && !closeWhenDrained)) {
      return false;
    }
    scheduled = true;
    return true;
  }

  /** The next frame to write, or null, ending the drain, when the queue is empty. */
  synchronized byte[] next() {
    byte[] frame = queue.poll();
    if (frame == null) {
      scheduled = false;
    }
    return frame;
  }

  synchronized void closeWhenDrained() {
    closeWhenDrained = true;
  }

  synchronized boolean isClosing() {
    return closeWhenDrained;
  }

  synchronized boolean drainedAndClosing() {
    return closeWhenDrained && queue.isEmpty();
  }

  /** Marks the client closed; true the first time. */
  synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    queue.clear();
    return true;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  ResponseStream stream() {
    return stream;
  }

  void writing(boolean started) {
    writingSince = started ? Math.max(1, System.nanoTime()) : 0;
  }

  /** Whether a write has been in progress longer than {@code nanos}. */
  boolean stalledFor(long nanos) {
    long since = writingSince;
    return since != 0 && System.nanoTime() - since > nanos;
  }
}
