package org.patchpipe.store.api;

/**
 * DRF's {@code SearchFilter} ({@code q}): the value split on whitespace and commas, every term
 * required to occur, case-insensitively, in one of the view's search columns.
 */
public final class Search {
  private Search() {}

  /** Adds the {@code q} clauses to {@code filter}. */
  public static void apply(SqlFilter filter, QueryString query, String... columns) {
    String q = query.get("q");
    if (q == null) {
      return;
    }
    for (String term : q.replace("\0", "").replace(',', ' ').strip().split("\\s+")) {
      if (term.isEmpty()) {
        continue;
      }
      String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      StringBuilder clause = new StringBuilder("(");
      Object[] params = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        clause.append(i == 0 ? "" : " OR ").append(columns[i]).append(" ILIKE ?");
        params[i] = like;
      }
      filter.where(clause.append(')').toString(), params);
    }
  }
}
