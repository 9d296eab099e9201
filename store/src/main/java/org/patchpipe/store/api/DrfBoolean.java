package org.patchpipe.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * How Django REST framework's {@code BooleanField} reads a value: exactly its spellings of true,
 * false and (for a nullable field) null, in JSON or in a form post; anything else is invalid
 * ("Must be a valid boolean."). Stateless.
 */
public final class DrfBoolean {
  private static final Set<String> TRUE = Set.of("t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
      "on", "On", "ON", "1");
  private static final Set<String> FALSE = Set.of("f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE",
      "off", "Off", "OFF", "0");
  private static final Set<String> NULL = Set.of("null", "Null", "NULL", "");

  /** DRF's message for a value it cannot read. */
  public static final String INVALID = "Must be a valid boolean.";

  /** The outcome: a value (null meaning null), or invalid. */
  public sealed interface Reading permits Value, Invalid {}

  /** A value read; {@code value} null for a null the field allows. */
  public record Value(Boolean value) implements Reading {}

  /** Not one of DRF's spellings. */
  public record Invalid() implements Reading {}

  private DrfBoolean() {}

  /** Reads {@code node} for a field that allows null ({@code BooleanField(allow_null=True)}). */
  public static Reading nullable(JsonNode node) {
    if (node == null || node.isNull()) {
      return new Value(null);
    }
    Optional<Boolean> value = read(node);
    if (value.isPresent()) {
      return new Value(value.get());
    }
    return node.isTextual() && NULL.contains(node.asText()) ? new Value(null) : new Invalid();
  }

  private static Optional<Boolean> read(JsonNode node) {
    if (node.isBoolean()) {
      return Optional.of(node.asBoolean());
    }
    if (node.isNumber()) {
      // Python compares 1 == 1.0 == True and 0 == 0.0 == False.
      double d = node.asDouble();
      return d == 1 ? Optional.of(true) : d == 0 ? Optional.of(false) : Optional.empty();
    }
    if (node.isTextual()) {
      String text = node.asText();
      return TRUE.contains(text) ? Optional.of(true) : FALSE.contains(text) ? Optional.of(false) : Optional.empty();
    }
    return Optional.empty();
  }
}
