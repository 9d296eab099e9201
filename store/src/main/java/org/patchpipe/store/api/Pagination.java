package org.patchpipe.store.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Patchwork's page-number pagination: {@code page} (1-based; a page past the end or not a number is
 * 404 "Invalid page."), {@code per_page} (default 30, at most 250; ignored where the view fixes the
 * page size, as for events), and the {@code Link} header listing next, prev, first and last in that
 * order. Links are the request URL with {@code page} replaced (prev to page 1 drops it), query keys
 * sorted and re-escaped as Django REST framework does. Immutable.
 *
 * @param page the requested page, 1-based
 * @param size the page size
 */
public record Pagination(int page, int size) {
  public static final int DEFAULT_SIZE = 30;
  public static final int MAX_SIZE = 250;

  /** Reads {@code page} and {@code per_page}; {@code sizeFixed} ignores {@code per_page}. */
  public static Pagination of(QueryString query, boolean sizeFixed) {
    int size = DEFAULT_SIZE;
    String perPage = query.get("per_page");
    if (!sizeFixed && perPage != null) {
      // DRF: a per_page that is not a positive integer falls back to the default.
      String digits = perPage.strip();
      try {
        int wanted = Integer.parseInt(digits);
        if (wanted > 0) {
          size = Math.min(wanted, MAX_SIZE);
        }
      } catch (NumberFormatException e) {
        // Python's int has no overflow: a positive number past Java's int is still capped.
        size = digits.matches("\\+?\\d+") ? MAX_SIZE : DEFAULT_SIZE;
      }
    }
    int page = 1;
    String pageParam = query.get("page");
    if (pageParam != null) {
      if (pageParam.equals("last")) {
        page = Integer.MAX_VALUE;
      } else {
        try {
          page = Integer.parseInt(pageParam.strip());
        } catch (NumberFormatException e) {
          throw ApiException.detail(404, "Invalid page.");
        }
        if (page < 1) {
          throw ApiException.detail(404, "Invalid page.");
        }
      }
    }
    return new Pagination(page, size);
  }

  /** The number of pages for {@code count} rows; an empty list still has page 1. */
  public int pages(long count) {
    return count == 0 ? 1 : (int) ((count + size - 1) / size);
  }

  /** The page actually served ({@code page=last} resolved); 404 "Invalid page." past the end. */
  public int resolve(long count) {
    int pages = pages(count);
    int resolved = page == Integer.MAX_VALUE ? pages : page;
    if (resolved > pages) {
      throw ApiException.detail(404, "Invalid page.");
    }
    return resolved;
  }

  public long offset(int resolvedPage) {
    return (long) (resolvedPage - 1) * size;
  }

  /** The {@code Link} header value, or null when there is nothing to link to. */
  public String linkHeader(ApiRequest request, int resolvedPage, long count) {
    int pages = pages(count);
    String base = request.urls().site(request.path());
    QueryString query = request.query();
    List<String> links = new ArrayList<>();
    if (resolvedPage < pages) {
      links.add(link(base, query.with("page", Integer.toString(resolvedPage + 1)), "next"));
    }
    if (resolvedPage > 1) {
      QueryString prev =
          resolvedPage - 1 == 1 ? query.with("page", null) : query.with("page", Integer.toString(resolvedPage - 1));
      links.add(link(base, prev, "prev"));
    }
    links.add(link(base, query.with("page", "1"), "first"));
    links.add(link(base, query.with("page", Integer.toString(pages)), "last"));
    return String.join(", ", links);
  }

  private static String link(String base, QueryString query, String rel) {
    String encoded = query.encodeSorted();
    return "<" + (encoded.isEmpty() ? base : base + "?" + encoded) + ">; rel=\"" + rel + "\"";
  }
}
