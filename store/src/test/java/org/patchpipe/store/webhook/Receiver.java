package org.patchpipe.store.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests on the JDK's HTTP server: verifies every message as the Standard
 * Webhooks spec tells a receiver to (its own HMAC, constant-time compare, timestamp within five
 * minutes) and keeps what arrived. What it answers the n-th request (from 1) is {@code status}.
 */
final class Receiver implements AutoCloseable {
  /** One request as it arrived. */
  record Message(String id, long timestamp, String body, boolean verified, long arrivedNanos) {}

  private final HttpServer server;
  private final byte[] key;
  private final IntUnaryOperator status;
  private final List<Message> messages = new ArrayList<>();
  private volatile Duration delay = Duration.ZERO;

  Receiver(String secret, IntUnaryOperator status) throws IOException {
    this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    this.status = status;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", exchange -> {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      String body = new String(raw, StandardCharsets.UTF_8);
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
      String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
      int n;
      synchronized (messages) {
        messages.add(new Message(id, timestamp, body, verify(id, timestamp, raw, signatures), System.nanoTime()));
        n = messages.size();
        messages.notifyAll();
      }
      sleep(delay);
      exchange.sendResponseHeaders(status.applyAsInt(n), -1);
      exchange.close();
    });
    server.start();
  }

  static Receiver ok(String secret) throws IOException {
    return new Receiver(secret, n -> 200);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Holds every answer this long: a receiver that hangs. */
  void hang(Duration d) {
    this.delay = d;
  }

  private boolean verify(String id, long timestamp, byte[] body, String header) {
    try {
      if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > 300) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      for (String signature : header.split(" ")) {
        if (signature.startsWith("v1,")
            && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Waits until at least {@code count} messages arrived; all that arrived. */
  List<Message> await(int count, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (messages) {
      while (messages.size() < count) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        messages.wait(Math.max(1, left / 1_000_000));
      }
      return List.copyOf(messages);
    }
  }

  List<Message> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
