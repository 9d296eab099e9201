package org.patchpipe.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request fields read as Django REST framework's serializer fields read them, with DRF's messages,
 * for every writable resource (patches, series, projects, users): {@code CharField} (trimmed, at most
 * so many characters), {@code BooleanField}, {@code IntegerField} and a serializer's "expected a
 * dictionary". Each reader takes the field's node ({@code null} when the key is absent), adds what
 * is wrong to {@code errors} under the field's name and answers the value, or null when absent,
 * null or invalid.
 */
public final class DrfFields {
  private static final String NOT_NULL = "This field may not be null.";

  private DrfFields() {}

  /** 400 unless {@code body} is a JSON object, as DRF's serializer refuses anything else. */
  public static void requireObject(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.invalid(Map.of("non_field_errors",
          List.of("Invalid data. Expected a dictionary, but got " + typeName(body) + ".")));
    }
  }

  /**
   * A {@code CharField}: a string or number, surrounding whitespace dropped (DRF's
   * {@code trim_whitespace}), at most {@code maxLength} characters; null only if {@code allowNull}.
   */
  public static String text(JsonNode node, String field, int maxLength, boolean allowNull,
      Map<String, List<String>> errors) {
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      if (!allowNull) {
        errors.put(field, List.of(NOT_NULL));
      }
      return null;
    }
    if (!(node.isTextual() || node.isNumber())) {
      errors.put(field, List.of("Not a valid string."));
      return null;
    }
    String value = node.asText().strip();
    if (value.codePointCount(0, value.length()) > maxLength) {
      errors.put(field, List.of("Ensure this field has no more than " + maxLength + " characters."));
      return null;
    }
    return value;
  }

  /** A {@code BooleanField}: true/false, 1/0 or one of DRF's words for them. */
  public static Boolean bool(JsonNode node, String field, Map<String, List<String>> errors) {
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      errors.put(field, List.of(NOT_NULL));
      return null;
    }
    Boolean value = parseBoolean(node);
    if (value == null) {
      errors.put(field, List.of("Must be a valid boolean."));
    }
    return value;
  }

  /** An {@code IntegerField} between {@code min} and {@code max}; "3", 3.0 and "3.0" are 3, as in DRF. */
  public static Long integer(JsonNode node, String field, long min, long max, Map<String, List<String>> errors) {
    if (node == null) {
      return null;
    }
    if (node.isNull()) {
      errors.put(field, List.of(NOT_NULL));
      return null;
    }
    Long value = null;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.asLong();
    } else if (node.isNumber() || node.isTextual()) {
      String text = node.asText().strip().replaceFirst("\\.0*$", "");
      if (text.matches("[+-]?\\d{1,18}")) {
        value = Long.parseLong(text);
      }
    }
    if (value == null) {
      errors.put(field, List.of("A valid integer is required."));
    } else if (value < min) {
      errors.put(field, List.of("Ensure this value is greater than or equal to " + min + "."));
      value = null;
    } else if (value > max) {
      errors.put(field, List.of("Ensure this value is less than or equal to " + max + "."));
      value = null;
    }
    return value;
  }

  /** The Python type name DRF's messages use for a JSON value: str, int, float, bool, list, dict, NoneType. */
  public static String typeName(JsonNode node) {
    if (node.isIntegralNumber()) {
      return "int";
    }
    if (node.isNumber()) {
      return "float";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isArray()) {
      return "list";
    }
    if (node.isObject()) {
      return "dict";
    }
    if (node.isNull()) {
      return "NoneType";
    }
    return "str";
  }

  /** {@code BooleanField}'s values: true/false, 1/0, yes/no, on/off, y/n, t/f (any case); null for anything else. */
  public static Boolean parseBoolean(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    String text = node.isNumber() || node.isTextual() ? node.asText() : "";
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on": case "y": case "t":
        return Boolean.TRUE;
      case "false": case "0": case "no": case "off": case "n": case "f":
        return Boolean.FALSE;
      default:
        return null;
    }
  }
}
