package org.patchpipe.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Django's and DRF's rule that no form field or serializer field may hold a NUL character
 * ({@code ProhibitNullCharactersValidator}): PostgreSQL text cannot store one, so a query value or
 * body field carrying one is refused with 400 naming the key, before it reaches the database.
 */
final class NullCharacters {
  private static final List<String> MESSAGE = List.of("Null characters are not allowed.");

  private NullCharacters() {}

  /** 400 when a query key or value holds a NUL. */
  static void refuseIn(QueryString query) {
    Map<String, List<String>> errors = new TreeMap<>();
    query.asMap().forEach((key, values) -> {
      if (has(key) || values.stream().anyMatch(NullCharacters::has)) {
        errors.put(printable(key), MESSAGE);
      }
    });
    refuse(errors);
  }

  /** 400 when a field of a body object holds a NUL anywhere in its value (or its name). */
  static void refuseIn(JsonNode body) {
    Map<String, List<String>> errors = new TreeMap<>();
    body.fields().forEachRemaining(field -> {
      if (has(field.getKey()) || holds(field.getValue())) {
        errors.put(printable(field.getKey()), MESSAGE);
      }
    });
    if (errors.isEmpty() && !body.isObject() && holds(body)) {
      errors.put("non_field_errors", MESSAGE);
    }
    refuse(errors);
  }

  private static boolean holds(JsonNode node) {
    if (node.isTextual()) {
      return has(node.textValue());
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      if (has(names.next())) {
        return true;
      }
    }
    for (JsonNode child : node) {
      if (holds(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(String s) {
    return s.indexOf('\0') >= 0;
  }

  /** The key as the error names it; a NUL in an answer would trouble the client as it did us. */
  private static String printable(String key) {
    return key.replace('\0', '\uFFFD');
  }

  private static void refuse(Map<String, List<String>> errors) {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
