package org.patchpipe.cli;

import org.patchpipe.store.api.ApiConfig;
import picocli.CommandLine.Option;

/**
 * The REST API options shared by {@code run} and {@code store} (a picocli mixin): where Patchwork's
 * API 1.2 listens.
 */
final class ApiOptions {
  /** Request threads of the API; the connection pool follows it. */
  private static final int THREADS = 16;

  @Option(names = "--api-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address the REST API listens on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8000",
      description = "Port of the REST API, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  /** The API's configuration, or a {@link UserError} naming the bad value. */
  ApiConfig config() {
    try {
      return new ApiConfig(bind, port, THREADS);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }
}
