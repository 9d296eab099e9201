package org.patchpipe.store.api;

import java.util.Map;

/**
 * A request Patchwork would refuse, with the status and JSON body it would answer. Thrown inside
 * handlers and turned into a response once, at the server edge.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Object body;

  private ApiException(int status, Object body, String message) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
  }

  /** A refusal whose body is DRF's {@code {"detail": ...}}. */
  public static ApiException detail(int status, String detail) {
    return new ApiException(status, Map.of("detail", detail), detail);
  }

  /** A validation error whose body names the offending fields, as DRF renders it. */
  public static ApiException invalid(Map<String, ?> errors) {
    return new ApiException(400, errors, "invalid: " + errors);
  }

  public static ApiException notFound() {
    return detail(404, "Not found.");
  }

  /** No credentials were sent; Patchwork answers 403, not 401 (session authentication comes first). */
  public static ApiException notAuthenticated() {
    return detail(403, "Authentication credentials were not provided.");
  }

  public static ApiException forbidden() {
    return detail(403, "You do not have permission to perform this action.");
  }

  public int status() {
    return status;
  }

  public Object body() {
    return body;
  }
}
