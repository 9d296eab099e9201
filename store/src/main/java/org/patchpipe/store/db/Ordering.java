package org.patchpipe.store.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DRF's {@code OrderingFilter} as Patchwork configures it: the {@code order} parameter, a
 * comma-separated list of field names each optionally prefixed with {@code -}; unknown names are
 * dropped, and with none left the view's default applies. Ties are broken by id so pages never
 * overlap. Immutable.
 *
 * @param fields field name to the SQL expression that orders by it
 * @param defaultOrder the default, in the same syntax ({@code "id"}, {@code "-date"})
 */
public record Ordering(Map<String, String> fields, String defaultOrder) {

  /** {@code " ORDER BY ..."} for the request's {@code order} parameter (may be null), then the {@code tiebreak} column. */
  public String sql(String order, String tiebreak) {
    List<String> terms = parse(order);
    if (terms.isEmpty()) {
      terms = parse(defaultOrder);
    }
    List<String> sql = new ArrayList<>();
    for (String term : terms) {
      boolean descending = term.startsWith("-");
      String expr = fields.get(descending ? term.substring(1) : term);
      sql.add(expr + (descending ? " DESC" : " ASC"));
    }
    // The tie-break runs the way the first key does, so (key, id) indexes serve both directions.
    sql.add(tiebreak + (terms.get(0).startsWith("-") ? " DESC" : " ASC"));
    return " ORDER BY " + String.join(", ", sql);
  }

  private List<String> parse(String param) {
    List<String> terms = new ArrayList<>();
    if (param == null) {
      return terms;
    }
    for (String raw : param.split(",")) {
      String term = raw.strip();
      String name = term.startsWith("-") ? term.substring(1) : term;
      if (fields.containsKey(name)) {
        terms.add(term);
      }
    }
    return terms;
  }
}
