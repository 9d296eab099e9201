package org.patchpipe.store.api.xmlrpc;

import org.patchpipe.store.db.DjangoValue;
import org.patchpipe.store.db.FieldLookup;

/**
 * The arguments Patchwork's methods read, taken as Python takes them: an object id as Django's
 * {@code objects.get(id=...)} reads it (and the lookup by it that answers an empty dict), a
 * {@code max_count} that Python compares with {@code 0},
 * a {@code search_str} that Python tests for truth and Django turns into a string. Stateless.
 */
final class CallValues {
  private CallValues() {}

  /** An id; null names nothing (Django's {@code get(id=None)} finds no row). */
  static Long id(Object value) {
    try {
      return (Long) DjangoValue.toPython(FieldLookup.Kind.INTEGER, value);
    } catch (DjangoValue.InvalidValue e) {
      throw XmlRpcFault.of("ValueError", e.getMessage());
    }
  }

  /**
   * Patchwork's {@code X_get(id)}: the dict of the row with this id, or {@code {}} where there is
   * none (or the id is null).
   */
  static java.util.Map<String, Object> dictById(Object value,
      java.util.function.LongFunction<java.util.Optional<java.util.Map<String, Object>>> find) {
    Long id = id(value);
    return id == null ? java.util.Map.of() : find.apply(id).orElse(java.util.Map.of());
  }

  /** {@code _get_objects}' count: positive the first n, negative the last n, zero all. */
  static long maxCount(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof Long n) {
      return n;
    }
    throw XmlRpcFault.typeError(
        "'>' not supported between instances of '" + DjangoValue.typeName(value) + "' and 'int'");
  }

  /** The substring a {@code search_str} asks for, or null for all (Python: a false value). */
  static String search(Object value) {
    if (value == null || Boolean.FALSE.equals(value) || Long.valueOf(0).equals(value) || "".equals(value)
        || (value instanceof java.util.Collection<?> c && c.isEmpty())
        || (value instanceof java.util.Map<?, ?> m && m.isEmpty())) {
      return null;
    }
    return DjangoValue.str(value);
  }
}
