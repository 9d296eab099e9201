package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list view's WHERE clause, built from Patchwork's filters ({@code patchwork/api/filters.py})
 * and DRF's {@code SearchFilter}. Store-internal SQL: the repositories build one for the list
 * queries they describe ({@link ListQuery}); the API only hands over the filter values.
 * Patchwork answers an empty list, not an error, when a filter value names nothing (an unknown
 * project, person or state, a bad date): {@link #matchNothing()} records that. Mutable while one
 * request builds it; never shared.
 */
public final class SqlFilter {
  private final List<String> clauses = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();
  private boolean nothing;

  /** Adds {@code clause} with its {@code ?} parameters, ANDed with the others. */
  public SqlFilter where(String clause, Object... values) {
    clauses.add(clause);
    params.addAll(List.of(values));
    return this;
  }

  /** Some filter value names nothing: the list is empty whatever else is asked. */
  public void matchNothing() {
    nothing = true;
  }

  public boolean matchesNothing() {
    return nothing;
  }

  /** {@code " WHERE a AND b"}, or empty. */
  public String sql() {
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  /** Binds the parameters from index 1; returns the next free index. */
  public int bind(PreparedStatement statement) throws SQLException {
    int index = 1;
    for (Object value : params) {
      statement.setObject(index++, value);
    }
    return index;
  }

  /**
   * Patchwork's multiple-choice filter over related rows (project, submitter, delegate, series,
   * state): each value is an id when it parses as one, else looked up by {@code altColumn}
   * case-insensitively (null: ids only). Every value must name an existing row, else nothing
   * matches; the rows found are ORed into {@code column IN (...)}.
   */
  public void choice(
      Connection connection, String column, List<String> values, String table, String altColumn,
      java.util.function.UnaryOperator<String> altValue)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>();
    for (String value : values) {
      Long id = lookup(connection, table, altColumn, altValue, value);
      if (id == null) {
        matchNothing();
        return;
      }
      ids.add(id);
    }
    StringBuilder in = new StringBuilder(column).append(" IN (");
    for (int i = 0; i < ids.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    where(in.append(')').toString(), ids.toArray());
  }

  /** The id of the row {@code value} names (an id, else by {@code altColumn}), or null for none. */
  static Long lookup(
      Connection connection, String table, String altColumn,
      java.util.function.UnaryOperator<String> altValue, String value)
      throws SQLException {
    String sql;
    Object param;
    try {
      param = Long.parseLong(value.strip());
      sql = "SELECT id FROM " + table + " WHERE id = ?";
    } catch (NumberFormatException e) {
      if (altColumn == null) {
        return null;
      }
      param = altValue.apply(value);
      sql = "SELECT id FROM " + table + " WHERE lower(" + altColumn + ") = lower(?) ORDER BY id LIMIT 1";
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setObject(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** {@code since} (>=) and {@code before} (<) on {@code column}; an unreadable date matches nothing. */
  public void dates(String since, String before, String column) {
    date(since, column + " >= ?");
    date(before, column + " < ?");
  }

  /**
   * DRF's {@code SearchFilter} ({@code q}): the value split on whitespace and commas, every term
   * required to occur, case-insensitively, in one of {@code columns}; null is no search.
   */
  public void search(String q, String... columns) {
    if (q == null) {
      return;
    }
    for (String term : q.replace("\0", "").replace(',', ' ').strip().split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      StringBuilder clause = new StringBuilder("(");
      Object[] values = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        clause.append(i == 0 ? "" : " OR ").append(columns[i]).append(" ILIKE ?");
        values[i] = like;
      }
      where(clause.append(')').toString(), values);
    }
  }

  private void date(String value, String clause) {
    if (value == null || value.isEmpty()) {
      return;
    }
    LocalDateTime parsed = parseIsoDate(value.strip());
    if (parsed == null) {
      matchNothing();
    } else {
      where(clause, Timestamp.valueOf(parsed));
    }
  }

  /** Django's ISO date-time parsing: date, or date and time with an optional zone (made UTC). */
  static LocalDateTime parseIsoDate(String value) {
    String text = value.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException e) {
      // no zone: try the naive forms
    }
    if (text.endsWith("Z")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      // date only
    }
    try {
      return LocalDate.parse(text).atStartOfDay();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Django's boolean filter: {@code true}/{@code 1}, {@code false}/{@code 0}; anything else is no filter. */
  public static Boolean parseBoolean(String value) {
    if (value == null) {
      return null;
    }
    switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "1":
      case "2":
      case "yes":
        return Boolean.TRUE;
      case "false":
      case "0":
      case "3":
      case "no":
        return Boolean.FALSE;
      default:
        return null;
    }
  }
}
