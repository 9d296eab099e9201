package org.patchpipe.store.web;

import java.util.List;

/**
 * Patchwork's web list {@code Order} ({@code patchwork/views/__init__.py}): the {@code order}
 * parameter names one column ({@code date}, {@code name}, {@code state}, {@code submitter},
 * {@code delegate}), {@code -} before it reverses; anything else is the default, newest first
 * ({@code -date}). Any other column is followed by the date, the other way round when the column
 * is reversed, as Patchwork's secondary order. Immutable.
 *
 * @param column the column ordered by
 * @param reversed whether descending
 */
public record ListOrder(String column, boolean reversed) {
  /** The sortable columns, Patchwork's {@code order_map} keys. */
  public static final List<String> COLUMNS = List.of("date", "name", "state", "submitter", "delegate");

  /** Newest first. */
  public static final ListOrder DEFAULT = new ListOrder("date", true);

  /** The order of an {@code order} query value (null: the default). */
  public static ListOrder parse(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT;
    }
    boolean reversed = value.startsWith("-");
    String column = reversed ? value.substring(1) : value;
    return COLUMNS.contains(column) ? new ListOrder(column, reversed) : DEFAULT;
  }

  /** The order's query value, e.g. {@code -date}. */
  public String key() {
    return reversed ? "-" + column : column;
  }

  /** The query value of a click on {@code column}'s header: this order reversed, else that column ascending. */
  public String keyFor(String other) {
    return other.equals(column) ? (reversed ? column : "-" + column) : other;
  }

  /** The arrow beside {@code other}'s header: up ascending, down descending, none when not ordered by it. */
  public String arrow(String other) {
    if (!other.equals(column)) {
      return "";
    }
    return reversed ? "\u25bc" : "\u25b2";
  }

  /** The header's {@code aria-sort} for {@code other}: null when the list is not ordered by it. */
  public String ariaSort(String other) {
    return !other.equals(column) ? null : reversed ? "descending" : "ascending";
  }

  /** The order as {@link org.patchpipe.store.db.PatchQueries#siteList} reads it, with the date second. */
  public String sqlTerms() {
    if (column.equals("date")) {
      return key();
    }
    return key() + (reversed ? ",date" : ",-date");
  }
}
