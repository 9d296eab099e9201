package org.patchpipe.store.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests, on java.net.http: reads the stream on a thread of its own
 * and hands over each event (or comment) as it is dispatched. Closing it drops the connection, as a
 * browser tab closing would.
 */
final class SseReader implements AutoCloseable {
  /** One dispatched frame: an event (id and data) or a comment ({@code comment} set). */
  record Frame(String id, String data, String comment) {}

  /** The stream's end, as a frame. */
  static final Frame END = new Frame(null, null, null);

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code url} with these request headers. */
  static SseReader open(String url, Map<String, String> headers) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    headers.forEach(request::header);
    return new SseReader(client.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  private void read() {
    String id = null;
    StringBuilder data = null;
    try (Stream<String> lines = response.body()) {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data != null) {
            frames.add(new Frame(id, data.toString(), null));
          }
          data = null;
        } else if (line.startsWith(":")) {
          frames.add(new Frame(null, null, line.substring(1).strip()));
        } else if (line.startsWith("retry: ")) {
          // Sent first once the server has attached the stream: the client is subscribed from here.
          frames.add(new Frame(null, null, line));
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
        }
      }
    } catch (RuntimeException e) {
      // closed by the test, or the server went away
    }
    frames.add(END);
  }

  /** The next event, skipping comments; null when none arrives in time; {@link #END} at the end. */
  Frame nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (frame == null || frame.comment() == null) {
        return frame;
      }
    }
  }

  /** Waits for the server's {@code retry:} line, written once the stream is attached; false if none comes. */
  boolean awaitSubscribed(Duration timeout) throws InterruptedException {
    return awaitComment("retry: 2000", timeout);
  }

  /** Waits for comment {@code text} (or a retry line), skipping other frames; false if none comes. */
  boolean awaitComment(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Frame frame;
    while ((frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null && frame != END) {
      if (text.equals(frame.comment())) {
        return true;
      }
    }
    return false;
  }

  /** The next frame of any kind, or null when none arrives in time. */
  Frame next(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
