package org.patchpipe.store.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;

/**
 * {@code GET /static/js/patchpipe.js}: the pages' one script (live updates over the event stream,
 * keyboard shortcuts), read from the class path once. Every page works without it; layout.jte
 * loads it deferred. Cached by clients for a day, as the stylesheet is.
 */
public final class Script {
  /** The script's path, which every page loads. */
  public static final String PATH = "/static/js/patchpipe.js";

  private final byte[] js;

  public Script() {
    try (InputStream in = Script.class.getResourceAsStream("patchpipe.js")) {
      if (in == null) {
        throw new IllegalStateException("patchpipe.js is missing from the class path");
      }
      js = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ApiResponse handle(ApiRequest request) {
    return new ApiResponse(200, Map.of("Content-Type", "text/javascript; charset=utf-8",
        "Cache-Control", "public, max-age=86400"), js);
  }
}
