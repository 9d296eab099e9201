package org.patchpipe.store.db;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Django field lookup ({@code name__icontains}, {@code date__year}, {@code id__in}, ...) on a
 * column of a patch or check, as Patchwork's XML-RPC {@code patch_list} and {@code check_list}
 * accept them in their filter dict. {@link #of} converts the client's value as Django's field
 * would ({@code to_python}); {@link #addTo} renders the condition. Immutable.
 *
 * @param field the column
 * @param lookup the lookup type
 * @param values the converted operands: one, none for {@code isnull} (whose sense is
 *     {@code negated}), two for {@code range}, any number for {@code in}
 * @param negated for {@code isnull}: true when the column must be set
 */
public record FieldLookup(Field field, Lookup lookup, List<Object> values, boolean negated) {
  public FieldLookup {
    values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** What Django stores a column as, which decides how a value is read. */
  public enum Kind { INTEGER, TEXT, BOOLEAN, TIMESTAMP }

  /** The columns a filter may name. */
  public enum Field {
    PATCH_ID("p.id", Kind.INTEGER),
    PATCH_NAME("p.name", Kind.TEXT),
    PATCH_PROJECT("p.project_id", Kind.INTEGER),
    PATCH_SUBMITTER("p.submitter_id", Kind.INTEGER),
    /**
     * The delegate, named by a person's id: pwclient sends the ids {@code person_list} found, and
     * patches are delegated to users, so this matches the patches delegated to that person's user.
     */
    PATCH_DELEGATE("p.delegate_id", Kind.INTEGER,
        "EXISTS (SELECT 1 FROM person dp WHERE dp.user_id = p.delegate_id AND dp.id = ?)"),
    PATCH_ARCHIVED("p.archived", Kind.BOOLEAN),
    PATCH_STATE("p.state_id", Kind.INTEGER),
    PATCH_DATE("p.date", Kind.TIMESTAMP),
    PATCH_COMMIT_REF("p.commit_ref", Kind.TEXT),
    PATCH_HASH("p.hash", Kind.TEXT),
    PATCH_MSGID("p.msgid", Kind.TEXT),
    CHECK_ID("k.id", Kind.INTEGER),
    CHECK_USER("k.user_id", Kind.INTEGER),
    CHECK_PROJECT("p.project_id", Kind.INTEGER),
    CHECK_PATCH("k.patch_id", Kind.INTEGER);

    private final String column;
    private final Kind kind;
    private final String exact;

    Field(String column, Kind kind) {
      this(column, kind, column + " = ?");
    }

    Field(String column, Kind kind, String exact) {
      this.column = column;
      this.kind = kind;
      this.exact = exact;
    }

    public Kind kind() {
      return kind;
    }
  }

  /** Patchwork's {@code LOOKUP_TYPES}, and the plain {@code field} key ({@link #EXACT}). */
  public enum Lookup {
    EXACT, IEXACT, CONTAINS, ICONTAINS, GT, GTE, LT, IN, STARTSWITH, ISTARTSWITH, ENDSWITH, IENDSWITH,
    RANGE, YEAR, MONTH, DAY, ISNULL;

    /** The lookup a key's suffix names ({@code icontains}), or null; {@code exact} is not one Patchwork allows. */
    public static Lookup ofSuffix(String suffix) {
      for (Lookup l : values()) {
        if (l != EXACT && l.name().toLowerCase(Locale.ROOT).equals(suffix)) {
          return l;
        }
      }
      return null;
    }
  }

  /**
   * The lookup of {@code value} (a string, number, boolean, date-time, list or null, as decoded
   * from the call) on {@code field}.
   *
   * @throws DjangoValue.InvalidValue where Django's field would refuse the value
   */
  public static FieldLookup of(Field field, Lookup lookup, Object value) {
    switch (lookup) {
      case ISNULL:
        if (!(value instanceof Boolean b)) {
          throw new DjangoValue.InvalidValue("The QuerySet value for an isnull lookup must be True or False.");
        }
        return new FieldLookup(field, lookup, List.of(), !b);
      case IN:
      case RANGE:
        if (!(value instanceof List<?> list)) {
          throw new DjangoValue.InvalidValue("'" + DjangoValue.typeName(value) + "' object is not iterable");
        }
        if (lookup == Lookup.RANGE && list.size() != 2) {
          throw new DjangoValue.InvalidValue("expected 2 values to unpack, got " + list.size());
        }
        List<Object> converted = new ArrayList<>();
        for (Object item : list) {
          converted.add(DjangoValue.toPython(field.kind(), item));
        }
        return new FieldLookup(field, lookup, converted, false);
      case YEAR:
      case MONTH:
      case DAY:
        if (field.kind() != Kind.TIMESTAMP) {
          throw new DjangoValue.InvalidValue("Unsupported lookup '" + lookup.name().toLowerCase(Locale.ROOT) + "'");
        }
        return new FieldLookup(field, lookup, List.of(DjangoValue.toPython(Kind.INTEGER, value)), false);
      case IEXACT:
      case CONTAINS:
      case ICONTAINS:
      case STARTSWITH:
      case ISTARTSWITH:
      case ENDSWITH:
      case IENDSWITH:
        // Django compares the column's text with the value's string form.
        Object typed = DjangoValue.toPython(field.kind(), value);
        return new FieldLookup(field, lookup, List.of(typed == null ? "None" : DjangoValue.str(typed)), false);
      default:
        List<Object> one = new ArrayList<>();
        one.add(DjangoValue.toPython(field.kind(), value));
        return new FieldLookup(field, lookup, one, false);
    }
  }

  /** ANDs this condition into {@code filter}. */
  public void addTo(SqlFilter filter) {
    String c = field.column;
    String text = "CAST(" + c + " AS text)";
    switch (lookup) {
      case EXACT:
        if (values.get(0) == null) {
          filter.where(c + " IS NULL");
        } else {
          filter.where(field.exact, bindable(values.get(0)));
        }
        break;
      case IEXACT:
        filter.where("upper(" + text + ") = upper(?)", values.get(0));
        break;
      case CONTAINS:
        filter.where(text + " LIKE ?", "%" + like(values.get(0)) + "%");
        break;
      case ICONTAINS:
        filter.where(text + " ILIKE ?", "%" + like(values.get(0)) + "%");
        break;
      case STARTSWITH:
        filter.where(text + " LIKE ?", like(values.get(0)) + "%");
        break;
      case ISTARTSWITH:
        filter.where(text + " ILIKE ?", like(values.get(0)) + "%");
        break;
      case ENDSWITH:
        filter.where(text + " LIKE ?", "%" + like(values.get(0)));
        break;
      case IENDSWITH:
        filter.where(text + " ILIKE ?", "%" + like(values.get(0)));
        break;
      case GT:
        compare(filter, c + " > ?");
        break;
      case GTE:
        compare(filter, c + " >= ?");
        break;
      case LT:
        compare(filter, c + " < ?");
        break;
      case IN:
        List<Object> present = values.stream().filter(v -> v != null).map(FieldLookup::bindable).toList();
        if (present.isEmpty()) {
          filter.matchNothing();
        } else {
          filter.where(c + " IN (" + String.join(", ", java.util.Collections.nCopies(present.size(), "?")) + ")",
              present.toArray());
        }
        break;
      case RANGE:
        if (values.contains(null)) {
          filter.matchNothing();
        } else {
          filter.where(c + " BETWEEN ? AND ?", bindable(values.get(0)), bindable(values.get(1)));
        }
        break;
      case YEAR:
      case MONTH:
      case DAY:
        compare(filter, "EXTRACT(" + lookup.name() + " FROM " + c + ") = ?");
        break;
      case ISNULL:
        filter.where(c + (negated ? " IS NOT NULL" : " IS NULL"));
        break;
      default:
        throw new IllegalStateException(lookup.name());
    }
  }

  private void compare(SqlFilter filter, String clause) {
    if (values.get(0) == null) {
      filter.matchNothing();  // SQL: nothing compares with NULL
    } else {
      filter.where(clause, bindable(values.get(0)));
    }
  }

  private static Object bindable(Object value) {
    return value instanceof LocalDateTime t ? Timestamp.valueOf(t) : value;
  }

  private static String like(Object value) {
    return value.toString().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
