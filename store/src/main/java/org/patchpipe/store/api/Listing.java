package org.patchpipe.store.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.db.ListQuery;

/**
 * One paginated list response: runs the resource's {@link ListQuery} for the requested page and
 * answers it with Patchwork's {@code Link} header (the server adds the route's {@code Allow}).
 */
public final class Listing {
  private Listing() {}

  /** Describes the request's query; runs on the same connection as the list's queries. */
  @FunctionalInterface
  public interface QueryBuilder<T> {
    ListQuery<T> build(Connection connection) throws SQLException;
  }

  /** Finishes a page once its rows are read (e.g. fetching what the rows link to). */
  @FunctionalInterface
  public interface PageFinisher<T> {
    List<?> finish(Connection connection, List<T> rows) throws SQLException;
  }

  /** Answers a list whose rows are served as read. */
  public static <T> ApiResponse respond(
      ApiRequest request, ApiDatabase db, boolean sizeFixed, QueryBuilder<T> query) {
    return respond(request, db, sizeFixed, query, (connection, rows) -> rows);
  }

  /** Answers a list whose rows {@code finisher} turns into what is served. */
  public static <T> ApiResponse respond(
      ApiRequest request, ApiDatabase db, boolean sizeFixed, QueryBuilder<T> query,
      PageFinisher<T> finisher) {
    Pagination pagination = Pagination.of(request.query(), sizeFixed);
    return db.read(connection -> {
      int[] page = new int[1];
      ListQuery.Page<T> rows = query.build(connection).page(connection, count -> {
        page[0] = pagination.resolve(count);
        return new ListQuery.PageChoice.Window(pagination.size(), pagination.offset(page[0]));
      });
      List<?> body = finisher.finish(connection, rows.rows());
      return ApiResponse.json(
          200,
          Json.write(body, request.urls()),
          Map.of("Link", pagination.linkHeader(request, page[0], rows.count())));
    });
  }
}
