package org.patchpipe.store.api;

import java.util.List;
import java.util.Optional;

/**
 * One request as the handlers see it: method, decoded path, path parameters captured by the route,
 * query, body, the caller (if authenticated) and the {@link Urls} that build absolute links the way
 * Patchwork does for this request. Immutable.
 *
 * @param method the HTTP method, upper case
 * @param path the decoded request path
 * @param rawQuery the query string as received (percent-encoded), or null
 * @param query the parsed query
 * @param pathParams the route's captured groups, in order
 * @param contentType the request's Content-Type, or null
 * @param body the request body (empty for none)
 * @param user the authenticated caller, if any
 * @param urls link builder for this request's host and API version
 * @param headers the request's headers, names case-insensitive (read through {@link #header})
 */
public record ApiRequest(
    String method,
    String path,
    String rawQuery,
    QueryString query,
    List<String> pathParams,
    String contentType,
    byte[] body,
    Optional<ApiUser> user,
    Urls urls,
    java.util.Map<String, List<String>> headers) {

  /** The first value of request header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The {@code index}th captured path parameter. */
  public String param(int index) {
    return pathParams.get(index);
  }

  /** The {@code index}th captured path parameter as an id; 404 where it is not a number. */
  public long idParam(int index) {
    try {
      return Long.parseLong(pathParams.get(index));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
  }

  /** The caller; 403 "Authentication credentials were not provided." when anonymous. */
  public ApiUser requireUser() {
    return user.orElseThrow(ApiException::notAuthenticated);
  }

  /** This request's full path and query as received, for pagination links. */
  public String fullPath() {
    return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
  }

  /** A copy with the route's captured parameters. */
  public ApiRequest withPathParams(List<String> params) {
    return new ApiRequest(method, path, rawQuery, query, List.copyOf(params), contentType, body, user, urls, headers);
  }

  /** A copy with the authenticated caller. */
  public ApiRequest withUser(Optional<ApiUser> caller) {
    return new ApiRequest(method, path, rawQuery, query, pathParams, contentType, body, caller, urls, headers);
  }

  /**
   * The body as a JSON tree. Like DRF's parsers, a form-encoded body
   * ({@code application/x-www-form-urlencoded}, which {@code git-pw} sends) becomes an object of
   * strings (the last value of each key); anything else is read as JSON (400 if it is not). A field holding a NUL is
   * refused (400), as {@link NullCharacters} says.
   */
  public com.fasterxml.jackson.databind.JsonNode bodyTree() {
    if (formBody()) {
      var object = Json.mapper().createObjectNode();
      QueryString form = QueryString.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
      NullCharacters.refuseIn(form);
      form.asMap().forEach((key, values) -> object.put(key, values.get(values.size() - 1)));
      return object;
    }
    var tree = Json.readBody(body);
    NullCharacters.refuseIn(tree);
    return tree;
  }

  /** Whether the body is form-encoded ({@code application/x-www-form-urlencoded}), as git-pw and b4 send it. */
  public boolean formBody() {
    return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT)
        .startsWith("application/x-www-form-urlencoded");
  }

  /**
   * Every value of a field of a form-encoded body, in order, as Django's {@code QueryDict.getlist}
   * reads a many-valued field ({@code patches=1&patches=2}); empty for other bodies. Call
   * {@link #bodyTree} first, which refuses a field holding a NUL.
   */
  public java.util.List<String> formValues(String key) {
    if (!formBody()) {
      return List.of();
    }
    return QueryString.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8)).all(key);
  }
}
