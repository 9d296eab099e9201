package org.patchpipe.store.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchpipe.store.api.ApiResponse;

/**
 * The site's templates, compiled to Java by jte-maven-plugin at build time and loaded from the
 * class path: no template is parsed or compiled while serving. Renders a page to an HTML answer
 * carrying the pages' Content-Security-Policy. Thread-safe; one per server.
 */
public final class Templates {
  /** The package jte-maven-plugin writes the templates' classes to (store/pom.xml). */
  private static final String PACKAGE = "org.patchpipe.store.web.generated";

  /**
   * What a page may load: its one stylesheet from this server, nothing else. No script and no
   * inline style (so an injected {@code <style>} or {@code style=} is inert even if escaping
   * failed); no forms yet ({@code form-action 'none'} until login brings a CSRF-protected one).
   */
  public static final String PAGE_POLICY =
      "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

  /** Renders template {@code name} (e.g. {@code "index.jte"}) with its one parameter {@code page}. */
  public ApiResponse page(int status, String name, Object page) {
    StringOutput output = new StringOutput();
    engine.render(name, page, output);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.put("Content-Security-Policy", PAGE_POLICY);
    return new ApiResponse(status, headers, output.toString().getBytes(StandardCharsets.UTF_8));
  }
}
