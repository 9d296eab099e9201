package org.patchpipe.store.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer: status, headers in the order they were added, and the body bytes. Immutable.
 *
 * @param status the HTTP status
 * @param headers response headers (name to value), in order
 * @param body the body, never null
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
  public ApiResponse {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
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
    return new ApiResponse(status, copy, body);
  }

  /** The body as UTF-8 text, for tests and logs. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
