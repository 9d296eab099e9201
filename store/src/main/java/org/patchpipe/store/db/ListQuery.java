package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One list view's query, as a repository describes it: what to count, what to select, the filter
 * and the order, and how to read a row. {@link #page} counts the filtered rows, lets the caller
 * pick the page from the count, and reads it. Immutable (the filter is built before).
 *
 * @param count {@code SELECT count(*) FROM ...} without the WHERE clause
 * @param select the SELECT without WHERE, ORDER BY and LIMIT
 * @param filter the WHERE clause
 * @param orderBy the ORDER BY clause
 * @param reader reads one row
 * @param <T> a row
 */
public record ListQuery<T>(String count, String select, SqlFilter filter, String orderBy, RowReader<T> reader) {
  /** Reads one row of a page. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Picks the page to read once the number of matching rows is known. */
  @FunctionalInterface
  public interface PageChoice {
    /** The page's rows: {@code limit} rows from {@code offset}. */
    record Window(int limit, long offset) {}

    Window choose(long count);
  }

  /** One page of a list and the number of rows that match in all. */
  public record Page<T>(long count, List<T> rows) {
    public Page {
      rows = List.copyOf(rows);
    }
  }

  /** Counts, chooses the page and reads it. */
  public Page<T> page(Connection connection, PageChoice choice) throws SQLException {
    long matching = 0;
    if (!filter.matchesNothing()) {
      try (PreparedStatement ps = connection.prepareStatement(count + filter.sql())) {
        filter.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          matching = rs.getLong(1);
        }
      }
    }
    PageChoice.Window window = choice.choose(matching);
    List<T> rows = new ArrayList<>();
    if (matching > 0) {
      // LIMIT and OFFSET are written in, not bound: with parameters, a reused generic plan guesses
      // the limit and may sort every matching row instead of walking an index for one page.
      try (PreparedStatement ps = connection.prepareStatement(select + filter.sql() + orderBy
          + " LIMIT " + window.limit() + " OFFSET " + window.offset())) {
        filter.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(reader.read(rs));
          }
        }
      }
    }
    return new Page<>(matching, rows);
  }
}
