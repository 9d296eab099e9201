package org.patchpipe.store.api.comment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.DrfFields;

/**
 * The writable field of a comment as a client sent it, validated as Patchwork's comment
 * serializer does: {@code addressed}, a {@code BooleanField} that allows null (JSON null or DRF's
 * null spellings {@code null}, {@code Null}, {@code NULL} and the empty string); every other key
 * is read-only and ignored. Immutable.
 *
 * @param hasAddressed whether the body names {@code addressed}
 * @param addressed the new value, null to clear it
 */
record CommentUpdate(boolean hasAddressed, Boolean addressed) {
  private static final List<String> NULLS = List.of("null", "Null", "NULL", "");

  /** Reads a request body; 400 with DRF's messages where it is not an object or the value is not a boolean. */
  static CommentUpdate parse(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.invalid(Map.of("non_field_errors",
          List.of("Invalid data. Expected a dictionary, but got " + DrfFields.typeName(body) + ".")));
    }
    JsonNode value = body.get("addressed");
    if (value == null) {
      return new CommentUpdate(false, null);
    }
    if (value.isNull() || value.isTextual() && NULLS.contains(value.asText())) {
      return new CommentUpdate(true, null);
    }
    Boolean addressed = DrfFields.parseBoolean(value);
    if (addressed == null) {
      throw ApiException.invalid(Map.of("addressed", List.of("Must be a valid boolean.")));
    }
    return new CommentUpdate(true, addressed);
  }
}
