package org.patchpipe.store.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One paginated list response: counts the filtered rows, reads the requested page and answers it
 * with Patchwork's {@code Link} and {@code Allow} headers.
 */
public final class Listing {
  private Listing() {}

  /** Reads one row of a page. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Builds the request's filter; runs on the same connection as the list's queries. */
  @FunctionalInterface
  public interface FilterBuilder {
    SqlFilter build(Connection connection) throws SQLException;
  }

  /** Finishes a page once its rows are read (e.g. fetching what the rows link to). */
  @FunctionalInterface
  public interface PageFinisher<T> {
    List<?> finish(Connection connection, List<T> rows) throws SQLException;
  }

  /**
   * Answers a list.
   *
   * @param countSql {@code SELECT count(*) FROM ...} without the WHERE clause
   * @param selectSql the SELECT without WHERE, ORDER BY and LIMIT
   * @param orderBy the ORDER BY clause
   */
  public static <T> ApiResponse respond(
      ApiRequest request, ApiDatabase db, FilterBuilder filters, boolean sizeFixed, String allow,
      String countSql, String selectSql, String orderBy, RowReader<T> reader, PageFinisher<T> finisher) {
    Pagination pagination = Pagination.of(request.query(), sizeFixed);
    return db.read(connection -> {
      SqlFilter filter = filters.build(connection);
      long count = 0;
      if (!filter.matchesNothing()) {
        try (PreparedStatement ps = connection.prepareStatement(countSql + filter.sql())) {
          filter.bind(ps);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            count = rs.getLong(1);
          }
        }
      }
      int page = pagination.resolve(count);
      List<T> rows = new ArrayList<>();
      if (count > 0) {
        // LIMIT and OFFSET are written in, not bound: with parameters, a reused generic plan guesses
        // the limit and may sort every matching row instead of walking an index for one page.
        try (PreparedStatement ps = connection.prepareStatement(selectSql + filter.sql() + orderBy
            + " LIMIT " + pagination.size() + " OFFSET " + pagination.offset(page))) {
          filter.bind(ps);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(reader.read(rs));
            }
          }
        }
      }
      List<?> body = finisher == null ? rows : finisher.finish(connection, rows);
      return ApiResponse.json(
          200,
          Json.write(body, request.urls()),
          Map.of("Link", pagination.linkHeader(request, page, count), "Allow", allow));
    });
  }
}
