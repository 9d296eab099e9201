package org.patchpipe.store.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer: status, headers in the order they were added, and the body bytes, or a body that
 * streams on after the handler returns ({@link StreamBody}, for Server-Sent Events). Immutable.
 *
 * @param status the HTTP status
 * @param headers response headers (name to value), in order
 * @param body the body, never null (empty when {@code stream} is set)
 * @param stream the streaming body, or null for an answer of {@code body} alone
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body, StreamBody stream) {
  public ApiResponse {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** An answer of {@code body} alone. */
  public ApiResponse(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  /** An answer whose body {@code stream} writes after the handler returns. */
  public static ApiResponse streaming(int status, Map<String, String> headers, StreamBody stream) {
    return new ApiResponse(status, headers, new byte[0], java.util.Objects.requireNonNull(stream));
  }

  /** A JSON body (already serialised) with {@code Content-Type: application/json}. */
  public static ApiResponse json(int status, byte[] json, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(extraHeaders);
    return new ApiResponse(status, headers, json);
  }

  /** A text download with Patchwork's content type and an attachment file name, if given. */
  public static ApiResponse text(String contentType, String text, String attachmentName) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    if (attachmentName != null) {
      headers.put("Content-Disposition", "attachment; filename=" + attachmentName);
    }
    return new ApiResponse(200, headers, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Django's redirect: 302 with a site-relative Location and an empty HTML body. */
  public static ApiResponse redirect(String location) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.put("Location", location);
    return new ApiResponse(302, headers, new byte[0]);
  }

  /** This response with one more header (replacing one of the same name). */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, copy, body, stream);
  }

  /** The body as UTF-8 text, for tests and logs. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
