package org.patchpipe.store.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One path pattern and the handler for each method it allows. The pattern's groups are the path
 * parameters. The {@code Allow} header is derived from the methods, in Django's order: those with
 * a handler (but patchpipe's extensions), then HEAD, and for the REST API OPTIONS. Immutable.
 *
 * @param pattern the whole-path regular expression
 * @param handlers method to handler ({@code HEAD} uses {@code GET})
 * @param extensions methods answered beyond Patchwork's view, left out of {@code Allow}
 * @param options whether the view answers OPTIONS (the REST framework's views do; Django's do not)
 * @param restAuth whether a site view reads the caller from the API's credentials, as Patchwork's
 *     {@code rest_auth} does for the bundle mbox: bad credentials make the caller anonymous there
 * @param sinceMinor the first API 1.x minor version whose URL configuration has the view (0: all);
 *     below it the path names nothing, as Patchwork's versioned URL patterns do
 */
public record Route(Pattern pattern, Map<String, Handler> handlers, Set<String> extensions, boolean options,
    boolean restAuth, int sinceMinor) {
  private static final List<String> METHOD_ORDER = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Handles one request whose path matched. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  /** A REST API view answering GET (and HEAD, OPTIONS). */
  public static Route get(String regex, Handler get) {
    return new Route(Pattern.compile(regex), Map.of("GET", get), Set.of(), true, false, 0);
  }

  /** A site (Django) view answering GET and HEAD only. */
  public static Route site(String regex, Handler get) {
    return new Route(Pattern.compile(regex), Map.of("GET", get), Set.of(), false, false, 0);
  }

  /** A site view that knows its caller by the API's credentials, ignoring ones that fail. */
  public static Route siteWithRestAuth(String regex, Handler get) {
    return new Route(Pattern.compile(regex), Map.of("GET", get), Set.of(), false, true, 0);
  }

  /** A copy that also answers {@code method}. */
  public Route and(String method, Handler handler) {
    Map<String, Handler> copy = new java.util.HashMap<>(handlers);
    copy.put(method, handler);
    return new Route(pattern, Map.copyOf(copy), extensions, options, restAuth, sinceMinor);
  }

  /**
   * A copy that also answers {@code method} as a patchpipe extension Patchwork's view does not
   * have: the method is left out of {@code Allow}, so the view's headers stay Patchwork's.
   */
  public Route extension(String method, Handler handler) {
    Route with = and(method, handler);
    Set<String> copy = new java.util.HashSet<>(extensions);
    copy.add(method);
    return new Route(pattern, with.handlers(), Set.copyOf(copy), options, restAuth, sinceMinor);
  }

  /** A copy served only from API 1.{@code minor} on (Patchwork's {@code api_1_3_patterns}). */
  public Route since(int minor) {
    return new Route(pattern, handlers, extensions, options, restAuth, minor);
  }

  /** Whether API 1.{@code minor} has this view. */
  public boolean servedAt(int minor) {
    return minor >= sinceMinor;
  }

  /** The view's {@code Allow} header. */
  public String allow() {
    List<String> methods = new ArrayList<>();
    for (String method : METHOD_ORDER) {
      if (handlers.containsKey(method) && !extensions.contains(method)) {
        methods.add(method);
      }
    }
    methods.add("HEAD");
    if (options) {
      methods.add("OPTIONS");
    }
    return String.join(", ", methods);
  }

  /** The path parameters, if {@code path} matches. */
  public Optional<List<String>> match(String path) {
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> params = new ArrayList<>();
    for (int i = 1; i <= m.groupCount(); i++) {
      params.add(m.group(i));
    }
    return Optional.of(params);
  }
}
