package org.patchpipe.store.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;

/**
 * {@code GET /static/css/patchpipe.css}: the pages' one stylesheet, read from the class path once.
 * Cached by clients for a day: the path is stable, so a new release's style reaches a browser
 * within that time rather than at once.
 */
public final class Stylesheet {
  /** The stylesheet's path, which every page links. */
  public static final String PATH = "/static/css/patchpipe.css";

  private final byte[] css;

  public Stylesheet() {
    try (InputStream in = Stylesheet.class.getResourceAsStream("patchpipe.css")) {
      if (in == null) {
        throw new IllegalStateException("patchpipe.css is missing from the class path");
      }
      css = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ApiResponse handle(ApiRequest request) {
    return new ApiResponse(200, Map.of("Content-Type", "text/css; charset=utf-8",
        "Cache-Control", "public, max-age=86400"), css);
  }
}
