package org.patchpipe.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How Django REST framework's serializer fields read a request body's values, for the handlers
 * that validate writes as Patchwork's serializers do: {@code BooleanField}'s accepted spellings and
 * the Python type names DRF quotes in its "Incorrect type" and "Invalid data" messages. Stateless.
 */
public final class DrfFields {
  private DrfFields() {}

  /** {@code BooleanField}: true/false, 1/0, yes/no, on/off, y/n, t/f (any case); null for anything else. */
  public static Boolean parseBoolean(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    String text = node.isNumber() ? node.asText() : node.isTextual() ? node.asText() : "";
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on": case "y": case "t":
        return Boolean.TRUE;
      case "false": case "0": case "no": case "off": case "n": case "f":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /** The Python type name of the value a JSON node parses to ({@code int}, {@code str}, {@code dict}, ...). */
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
}
