package org.patchpipe.store.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;

/**
 * A file the pages load from this server (their one stylesheet and their one script), read from
 * the class path once. Cached by clients for a day: the paths are stable, so a new release's
 * style and script reach a browser within that time rather than at once.
 */
public final class StaticAsset {
  /** The stylesheet's path, which every page links. */
  public static final String STYLESHEET = "/static/css/patchpipe.css";
  /** The script's path (live updates, keyboard shortcuts), which every page loads deferred. */
  public static final String SCRIPT = "/static/js/patchpipe.js";

  private final String path;
  private final String contentType;
  private final byte[] bytes;

  private StaticAsset(String path, String contentType) {
    this.path = path;
    this.contentType = contentType;
    String resource = path.substring(path.lastIndexOf('/') + 1);
    try (InputStream in = StaticAsset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pages' stylesheet, at {@link #STYLESHEET}. */
  public static StaticAsset stylesheet() {
    return new StaticAsset(STYLESHEET, "text/css; charset=utf-8");
  }

  /** The pages' script, at {@link #SCRIPT}. Every page works without it. */
  public static StaticAsset script() {
    return new StaticAsset(SCRIPT, "text/javascript; charset=utf-8");
  }

  /** Where the asset is served. */
  public String path() {
    return path;
  }

  public ApiResponse handle(ApiRequest request) {
    return new ApiResponse(200, Map.of("Content-Type", contentType, "Cache-Control", "public, max-age=86400"), bytes);
  }
}
