package org.patchpipe.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's health endpoint: {@code GET /health} on 127.0.0.1 answers the counters of every
 * folder as JSON, with status 200 while every folder is healthy and 503 once one gave up. JDK
 * HTTP server, one thread; {@link #close()} stops it.
 */
final class DaemonHealthServer implements AutoCloseable {
  private final HttpServer server;

  private DaemonHealthServer(HttpServer server) {
    this.server = server;
  }

  static DaemonHealthServer start(int port, DaemonStatus status) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext("/health", exchange -> {
        byte[] body = (status.json() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status.healthy() ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return new DaemonHealthServer(server);
    } catch (IOException e) {
      throw new UserError("cannot serve health on port " + port + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
