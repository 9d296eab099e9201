package org.patchpipe.store.db;

import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Values decoded from a Patchwork client's call (strings, {@link Long}s, booleans, date-times,
 * lists, maps, null) read the way Django and Python read them: a model field's {@code to_python}
 * ({@link #toPython}), Python's {@code str}, {@code repr} and type names for the messages Patchwork
 * answers with. Stateless.
 */
public final class DjangoValue {
  private static final Pattern INTEGER = Pattern.compile("\\s*[+-]?[0-9]{1,18}\\s*");

  private DjangoValue() {}

  /** A value the field cannot read; the message is Django's. */
  public static final class InvalidValue extends IllegalArgumentException {
    InvalidValue(String message) {
      super(message);
    }
  }

  /**
   * Django's {@code to_python} for a field of this kind; null stays null.
   *
   * @throws InvalidValue where the field would refuse the value
   */
  public static Object toPython(FieldLookup.Kind kind, Object value) {
    if (value == null) {
      return null;
    }
    switch (kind) {
      case INTEGER:
        if (value instanceof Boolean b) {
          return b ? 1L : 0L;
        }
        if (value instanceof Number n) {
          return n.longValue();
        }
        if (value instanceof String s && INTEGER.matcher(s).matches()) {
          return Long.parseLong(s.strip());
        }
        throw new InvalidValue("Field 'id' expected a number but got " + repr(value) + ".");
      case BOOLEAN:
        if (value instanceof Boolean b) {
          return b;
        }
        if (value instanceof Long n && (n == 0 || n == 1)) {
          return n == 1;
        }
        if (value instanceof String s && (s.equals("t") || s.equals("True") || s.equals("1"))) {
          return true;
        }
        if (value instanceof String s && (s.equals("f") || s.equals("False") || s.equals("0"))) {
          return false;
        }
        throw new InvalidValue("['\u201c" + str(value) + "\u201d value must be either True or False.']");
      case TIMESTAMP:
        if (value instanceof LocalDateTime t) {
          return t;
        }
        LocalDateTime parsed = value instanceof String s ? SqlFilter.parseIsoDate(s.strip()) : null;
        if (parsed == null) {
          throw new InvalidValue("['\u201c" + str(value) + "\u201d value has an invalid format. It must be in"
              + " YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.']");
        }
        return parsed;
      default:
        if (value instanceof List<?> || value instanceof java.util.Map<?, ?>) {
          throw new InvalidValue("Field expected a string but got " + typeName(value) + ".");
        }
        return str(value);
    }
  }

  /** Python's {@code str()} of a decoded value. */
  public static String str(Object value) {
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof byte[] bytes) {
      return "b'" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) + "'";
    }
    return String.valueOf(value);
  }

  public static String repr(Object value) {
    return value instanceof String s ? "'" + s + "'" : str(value);
  }

  public static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof Double) {
      return "float";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof java.util.Map<?, ?>) {
      return "dict";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    return value.getClass().getSimpleName();
  }
}
