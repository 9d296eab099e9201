package org.patchpipe.store.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;

/**
 * The site's templates, compiled to Java by jte-maven-plugin at build time and loaded from the
 * class path: no template is parsed or compiled while serving. Renders a page for its {@link Viewer}
 * to an HTML answer carrying the pages' Content-Security-Policy. Thread-safe; one per server.
 */
public final class Templates {
  /** The package jte-maven-plugin writes the templates' classes to (store/pom.xml). */
  private static final String PACKAGE = "org.patchpipe.store.web.generated";

  /**
   * What a page may load: its stylesheet, scripts and live updates from this server, nothing else.
   * No inline script or style (so an injected {@code <script>}, {@code <style>} or {@code style=}
   * is inert even if escaping failed); forms post only back to this server.
   */
  public static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
      + "connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

  /**
   * Renders template {@code name} (e.g. {@code "index.jte"}) with its two parameters: the
   * {@code viewer} of {@code request} and {@code page}, the view it shows.
   */
  public ApiResponse page(ApiRequest request, int status, String name, Object page) {
    return page(Viewer.of(request), status, name, page);
  }

  /** Renders template {@code name} for {@code viewer} with its view {@code page}. */
  public ApiResponse page(Viewer viewer, int status, String name, Object page) {
    StringOutput output = new StringOutput();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("viewer", viewer);
    params.put("page", page);
    engine.render(name, params, output);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.put("Content-Security-Policy", PAGE_POLICY);
    return new ApiResponse(status, headers, output.toString().getBytes(StandardCharsets.UTF_8));
  }
}
