package org.patchpipe.parser.mail;

import java.util.Map;

/**
 * The REST API's {@code headers} object (R12.3) from a stored header block: one key per header
 * name as spelled, in first-appearance order; a String where the name occurs once, a
 * {@code List<String>} where it repeats. Stateless.
 */
public final class ApiHeaders {
  private ApiHeaders() {}

  public static Map<String, Object> render(String storedHeaders) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
