package org.patchpipe.store.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpipe.store.api.QueryString;
import org.patchpipe.store.db.PatchQueries.PatchFilter;
import org.patchpipe.store.db.PatchQueries.SiteFilter;

/**
 * The patch list's filters as Patchwork's web UI reads them from the query ({@code patchwork/filters.py}):
 * {@code series} (an id), {@code submitter} (a person's id or part of a name), {@code state} (a
 * state's id, {@code *} for any; empty or absent: those needing action), {@code q} (words of the
 * name), {@code archive} ({@code true}, {@code both}; empty or absent: not archived) and
 * {@code delegate} (a user's id or part of a username). {@code archived=true|false|both}, the
 * API's spelling, is read too when {@code archive} is absent.
 *
 * <p>One difference from Patchwork: a series view ({@code ?series=N} alone, the API's series
 * {@code web_url}) shows the whole series, any state and archived or not, unless the query asks
 * for a state or archive filter; Patchwork would hide its patches that need no action.
 *
 * <p>Immutable; the values are kept as given (stripped), for the filter form to show back.
 *
 * @param series the series id, or null
 * @param submitter the submitter key, or null
 * @param state {@code ""} (action required), {@code "*"} (any) or a state id
 * @param q the search text, or null
 * @param archive {@code ""} (not archived), {@code "true"} or {@code "both"}
 * @param delegate the delegate key, or null
 */
public record ListFilters(String series, String submitter, String state, String q, String archive, String delegate) {
  /** No filter but the defaults. */
  public static final ListFilters DEFAULT = new ListFilters(null, null, "", null, "", null);

  /** The filters of a list request's query. */
  public static ListFilters of(QueryString query) {
    String series = text(query.first("series"));
    if (series != null && !series.matches("\\d{1,18}")) {
      series = null;  // Patchwork ignores a series key that is not an id
    }
    String state = query.has("state") ? stateKey(query.first("state")) : (series != null ? "*" : "");
    String archive;
    if (query.has("archive")) {
      archive = archiveKey(query.first("archive"));
    } else if (query.has("archived")) {
      archive = archiveKey(query.first("archived"));
    } else {
      archive = series != null ? "both" : "";
    }
    return new ListFilters(series, text(query.first("submitter")), state, text(query.first("q")), archive,
        text(query.first("delegate")));
  }

  /** A series view's filters: the whole series. */
  public static ListFilters series(long id) {
    return new ListFilters(Long.toString(id), null, "*", null, "both", null);
  }

  /**
   * The store's filter for project {@code projectId}, the states needing action being
   * {@code actionRequired} (ids).
   */
  public SiteFilter siteFilter(long projectId, List<String> actionRequired) {
    List<String> states = switch (state) {
      case "" -> actionRequired;
      case "*" -> List.of();
      default -> List.of(state);
    };
    String archived = switch (archive) {
      case "true" -> "true";
      case "both" -> null;
      default -> "false";
    };
    PatchFilter api = new PatchFilter(List.of(Long.toString(projectId)), series == null ? List.of() : List.of(series),
        List.of(), List.of(), states, archived, null, null, null, null, q);
    return new SiteFilter(api, submitter, delegate, null);
  }

  /** Whether anything but the defaults (for a plain list) is asked. */
  public boolean narrowed() {
    return !equals(DEFAULT);
  }

  /**
   * The query string (with its {@code ?}, or empty) that repeats these filters with {@code order}
   * and {@code page} (1: left out), in Patchwork's parameter order; defaults are left out.
   */
  public String query(ListOrder order, int page) {
    Map<String, String> params = new LinkedHashMap<>();
    put(params, "series", series);
    put(params, "submitter", submitter);
    String stateDefault = series != null ? "*" : "";
    String archiveDefault = series != null ? "both" : "";
    if (!state.equals(stateDefault)) {
      params.put("state", state);
    }
    put(params, "q", q);
    if (!archive.equals(archiveDefault)) {
      params.put("archive", archive);
    }
    put(params, "delegate", delegate);
    if (!order.equals(ListOrder.DEFAULT)) {
      params.put("order", order.key());
    }
    if (page > 1) {
      params.put("page", Integer.toString(page));
    }
    List<String> pairs = new ArrayList<>();
    params.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
  }

  private static void put(Map<String, String> params, String key, String value) {
    if (value != null) {
      params.put(key, value);
    }
  }

  private static String stateKey(String value) {
    String v = value == null ? "" : value.strip();
    if (v.equals("*") || v.matches("\\d{1,18}")) {
      return v;
    }
    return "";  // Patchwork: a state that is not an id keeps the default
  }

  private static String archiveKey(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("both") ? v : "";
  }

  private static String text(String value) {
    if (value == null) {
      return null;
    }
    String v = value.replace("\0", "").strip();
    return v.isEmpty() ? null : v;
  }
}
