package org.patchpipe.store.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.DrfBoolean;

/**
 * The writable field of a comment as a client sent it, validated as Patchwork's comment
 * serializer does: {@code addressed}, a nullable boolean ({@link DrfBoolean#nullable}); every
 * other key is read-only and ignored. Immutable.
 *
 * @param hasAddressed whether the body names {@code addressed}
 * @param addressed the new value, null to clear it
 */
record CommentUpdate(boolean hasAddressed, Boolean addressed) {

  /** Reads a request body; 400 with DRF's messages where it is not an object or the value is not a boolean. */
  static CommentUpdate parse(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.invalid(Map.of("non_field_errors",
          List.of("Invalid data. Expected a dictionary, but got " + typeName(body) + ".")));
    }
    if (!body.has("addressed")) {
      return new CommentUpdate(false, null);
    }
    if (DrfBoolean.nullable(body.get("addressed")) instanceof DrfBoolean.Value value) {
      return new CommentUpdate(true, value.value());
    }
    throw ApiException.invalid(Map.of("addressed", List.of(DrfBoolean.INVALID)));
  }

  private static String typeName(JsonNode node) {
    if (node.isArray()) {
      return "list";
    }
    if (node.isIntegralNumber()) {
      return "int";
    }
    if (node.isNumber()) {
      return "float";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isNull()) {
      return "NoneType";
    }
    return "str";
  }
}
