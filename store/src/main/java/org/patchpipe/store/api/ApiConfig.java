package org.patchpipe.store.api;

/**
 * How the API server listens. Immutable; the compact constructor names the offending key.
 *
 * @param bindAddress {@code api.bind}: the address to listen on, e.g. {@code 127.0.0.1}
 * @param port {@code api.port}: the TCP port, 0 for any free port
 * @param threads {@code api.threads}: request threads (each holds at most one database connection)
 */
public record ApiConfig(String bindAddress, int port, int threads) {
  public static final int DEFAULT_PORT = 8000;

  public ApiConfig {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("api.bind must name an address, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("api.port must be 0..65535, was " + port);
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("api.threads must be 1..1024, was " + threads);
    }
  }

  /** Loopback, a free port, 16 threads: for tests and benchmarks. */
  public static ApiConfig ephemeral() {
    return new ApiConfig("127.0.0.1", 0, 16);
  }
}
