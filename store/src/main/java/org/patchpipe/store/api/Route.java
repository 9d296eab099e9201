package org.patchpipe.store.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One path pattern and the handler for each method it allows. The pattern's groups are the path
 * parameters; {@code allow} is the {@code Allow} header Patchwork sends for the view. Immutable.
 *
 * @param pattern the whole-path regular expression
 * @param allow the view's Allow header
 * @param handlers method to handler ({@code HEAD} uses {@code GET})
 */
public record Route(Pattern pattern, String allow, Map<String, Handler> handlers) {

  /** Handles one request whose path matched. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  public static Route get(String regex, String allow, Handler get) {
    return new Route(Pattern.compile(regex), allow, Map.of("GET", get));
  }

  /** A copy that also answers {@code method}. */
  public Route and(String method, Handler handler) {
    Map<String, Handler> copy = new java.util.HashMap<>(handlers);
    copy.put(method, handler);
    return new Route(pattern, allow, Map.copyOf(copy));
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
