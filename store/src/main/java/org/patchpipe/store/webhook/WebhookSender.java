package org.patchpipe.store.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends one receiver its messages, each signed per Standard Webhooks ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}), on an HTTP client of its own with connect
 * and request timeouts, so a receiver that hangs holds only its own worker. Thread-safe.
 */
final class WebhookSender implements AutoCloseable {
  /** One attempt: the status (null without an answer), how long it took, and what failed. */
  record Attempt(Integer status, long latencyMs, String error) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }

    /** No answer at all: the receiver is down or unreachable, so the whole receiver waits. */
    boolean unreachable() {
      return status == null;
    }
  }

  private final URI url;
  private final WebhookSecret secret;
  private final Duration requestTimeout;
  private final ExecutorService executor;
  private final HttpClient http;

  WebhookSender(String url, WebhookSecret secret, Duration connectTimeout, Duration requestTimeout, String name) {
    this.url = URI.create(url);
    this.secret = secret;
    this.requestTimeout = requestTimeout;
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-http");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor)
        .build();
  }

  /** POSTs {@code body} as message {@code id}; the attempt completes, never fails. */
  CompletableFuture<Attempt> send(String id, String body) {
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "patchpipe-webhooks")
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        return new Attempt(null, elapsedMs(start), cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      }
      int status = response.statusCode();
      return new Attempt(status, elapsedMs(start), status >= 200 && status < 300 ? null : "HTTP " + status);
    });
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
