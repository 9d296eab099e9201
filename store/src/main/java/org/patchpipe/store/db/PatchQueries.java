package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of the patch aggregate, beside {@link PatchRepository} (its changes): patches as
 * the API lists and shows them, with what they embed (project, submitter, state, delegate, series,
 * combined check state) and the other patches of their relation. Runs on the caller's connection;
 * fails with {@link SQLException}.
 */
public final class PatchQueries {
  /**
   * A patch; {@code delegate}, {@code series} and {@code relatedId} null where none; {@code check}
   * the combined check state; {@code headers}, {@code content} and {@code diff} only when found by id.
   */
  public record PatchRow(long id, String msgid, LocalDateTime date, String name, String commitRef, String pullUrl,
      boolean archived, String hash, Long relatedId, String state, ProjectRow project, SubmitterRow submitter,
      UserRow delegate, SeriesRefRow series, String check, String headers, String content, String diff) {}

  /**
   * Patchwork's patch list filters: projects (id or link name), series (id), submitters (id or
   * email), delegates (id or username), states (id or name, hyphens for spaces); each value must
   * name a row, else nothing matches. {@code archived} as sent (Django's boolean; anything else is
   * no filter), the hash, the Message-ID without angle brackets, the date bounds, the search.
   */
  public record PatchFilter(List<String> projects, List<String> series, List<String> submitters,
      List<String> delegates, List<String> states, String archived, String hash, String msgid, String since,
      String before, String q) {}

  /**
   * The site's patch list filter (Patchwork's {@code patchwork/filters.py}) over the API's: beside
   * {@code api}'s project, series, state, archived and search, the submitter and delegate as the
   * web UI reads them, and the patches of one bundle.
   *
   * @param api the filters the API shares (its submitter and delegate lists unused here)
   * @param submitter Patchwork's {@code SubmitterFilter} key: an id names a person and every address
   *     of the same user, other text matches names containing it (null: any)
   * @param delegate Patchwork's {@code DelegateFilter} key: an id names a user, other text matches
   *     usernames containing it (null: any)
   * @param bundleId only this bundle's patches, in the bundle's order (null: no bundle)
   */
  public record SiteFilter(PatchFilter api, String submitter, String delegate, Long bundleId) {}

  /**
   * Patchwork's {@code combined_check_state}: of the newest check per (user, context), any fail
   * wins, then warning, then pending; all success is success; no checks is pending. Ranked here as
   * 4 fail, 3 warning, 2 pending, 1 success (state codes 3, 2, 0, 1).
   */
  private static final String CHECK_RANK =
      "(SELECT max(CASE c.state WHEN 3 THEN 4 WHEN 2 THEN 3 WHEN 0 THEN 2 ELSE 1 END) FROM"
          + " (SELECT DISTINCT ON (k.user_id, k.context) k.state FROM patch_check k"
          + " WHERE k.patch_id = p.id ORDER BY k.user_id, k.context, k.date DESC, k.id DESC) c)";

  private static final String FROM =
      " FROM patch p"
          + " JOIN project pr ON pr.id = p.project_id"
          + " JOIN person s ON s.id = p.submitter_id"
          + " JOIN state st ON st.id = p.state_id"
          + " LEFT JOIN auth_user d ON d.id = p.delegate_id"
          + " LEFT JOIN series se ON se.id = p.series_id";

  private static final String SELECT =
      "SELECT p.id, p.msgid, p.date, p.name, p.commit_ref, p.pull_url, p.archived, p.hash,"
          + " p.related_id, st.slug AS state_slug, "
          + ProjectRow.columns("pr", "pr_") + ", "
          + SubmitterRow.columns("s", "s_") + ", "
          + UserRow.columns("d", "d_") + ", "
          + SeriesRefRow.columns("se", "se_") + ", "
          + CHECK_RANK + " AS check_rank";

  private static final Ordering ORDERING = new Ordering(
      Map.of(
          "id", "p.id",
          "name", "p.name",
          "project", "pr.linkname",
          "date", "p.date",
          "state", "st.ordering",
          "archived", "p.archived",
          "submitter", "p.submitter_id"),
      "id");

  /** Patchwork's web {@code Order.order_map}: the list's sortable columns. */
  private static final Ordering SITE_ORDERING = new Ordering(
      Map.of(
          "date", "p.date",
          "name", "p.name",
          "state", "st.ordering",
          "submitter", "s.name",
          "delegate", "d.username"),
      "-date");

  private final Connection connection;

  public PatchQueries(Connection connection) {
    this.connection = connection;
  }

  /** The patches matching {@code filter}, in {@code order} (null: by id). */
  public ListQuery<PatchRow> list(PatchFilter filter, String order) throws SQLException {
    SqlFilter f = new SqlFilter();
    f.choice(connection, "p.project_id", filter.projects(), "project", "linkname", v -> v);
    f.choice(connection, "p.series_id", filter.series(), "series", null, v -> v);
    f.choice(connection, "p.submitter_id", filter.submitters(), "person", "email", v -> v);
    f.choice(connection, "p.delegate_id", filter.delegates(), "auth_user", "username", v -> v);
    f.choice(connection, "p.state_id", filter.states(), "state", "name", v -> String.join(" ", v.split("-", -1)));
    Boolean archived = SqlFilter.parseBoolean(filter.archived());
    if (archived != null) {
      f.where("p.archived = ?", archived);
    }
    if (filter.hash() != null) {
      f.where("p.hash = ?", filter.hash().toLowerCase(Locale.ROOT));
    }
    if (filter.msgid() != null) {
      f.where("p.msgid = ?", "<" + filter.msgid() + ">");
    }
    f.dates(filter.since(), filter.before(), "p.date");
    f.search(filter.q(), "p.name");
    return new ListQuery<>(
        "SELECT count(*) FROM patch p",  // every filter is on patch's own columns
        SELECT + FROM, f, ORDERING.sql(order, "p.id"), rs -> row(rs, false));
  }

  /**
   * The site's patch list: the patches matching {@code filter}, in {@code order} (the syntax of
   * {@link Ordering}, names from Patchwork's web {@code Order}; a bundle's list is in the bundle's
   * order whatever is asked).
   */
  public ListQuery<PatchRow> siteList(SiteFilter filter, String order) throws SQLException {
    PatchFilter api = filter.api();
    SqlFilter f = new SqlFilter();
    f.choice(connection, "p.project_id", api.projects(), "project", "linkname", v -> v);
    f.choice(connection, "p.series_id", api.series(), "series", null, v -> v);
    f.choice(connection, "p.state_id", api.states(), "state", "name", v -> String.join(" ", v.split("-", -1)));
    Boolean archived = SqlFilter.parseBoolean(api.archived());
    if (archived != null) {
      f.where("p.archived = ?", archived);
    }
    f.search(api.q(), "p.name");
    Long submitterId = id(filter.submitter());
    if (submitterId != null) {
      f.where("p.submitter_id IN (SELECT o.id FROM person o JOIN person k ON k.id = ?"
          + " AND (o.id = k.id OR o.user_id = k.user_id))", submitterId);
    } else if (filter.submitter() != null) {
      f.where("p.submitter_id IN (SELECT o.id FROM person o WHERE o.name ILIKE ?)", contains(filter.submitter()));
    }
    Long delegateId = id(filter.delegate());
    if (delegateId != null) {
      f.where("p.delegate_id = ?", delegateId);
    } else if (filter.delegate() != null) {
      f.where("p.delegate_id IN (SELECT u.id FROM auth_user u WHERE u.username ILIKE ?)", contains(filter.delegate()));
    }
    String orderBy;
    if (filter.bundleId() != null) {
      f.where("p.id IN (SELECT bp.patch_id FROM bundle_patch bp WHERE bp.bundle_id = ?)", filter.bundleId());
      // A number written in, not bound: ORDER BY comes after the filter's parameters.
      orderBy = " ORDER BY (SELECT bp.\"order\" FROM bundle_patch bp WHERE bp.bundle_id = " + filter.bundleId()
          + " AND bp.patch_id = p.id), p.id";
    } else {
      orderBy = SITE_ORDERING.sql(order, "p.id");
    }
    return new ListQuery<>("SELECT count(*) FROM patch p", SELECT + FROM, f, orderBy, rs -> row(rs, false));
  }

  private static Long id(String key) {
    if (key == null) {
      return null;
    }
    try {
      return Long.parseLong(key.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String contains(String text) {
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** The patch with this id, with headers, content and diff, if it exists. */
  public Optional<PatchRow> find(long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        SELECT + ", p.headers, p.content, p.diff" + FROM + " WHERE p.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs, true)) : Optional.empty();
      }
    }
  }

  /** The patches of each of these relations, by id; a relation without any is absent. */
  public Map<Long, List<InProject<SubmissionRow>>> relationMembers(List<Long> relationIds) throws SQLException {
    Map<Long, List<InProject<SubmissionRow>>> members = new HashMap<>();
    if (relationIds.isEmpty()) {
      return members;
    }
    try (PreparedStatement ps = connection.prepareStatement("SELECT p.related_id, " + SubmissionRow.columns("p", "e_")
        + ", pr.linkname, pr.list_archive_url_format FROM patch p JOIN project pr ON pr.id = p.project_id"
        + " WHERE p.related_id = ANY (?) ORDER BY p.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", relationIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.computeIfAbsent(rs.getLong("related_id"), k -> new ArrayList<>()).add(new InProject<>(
              SubmissionRow.readNullable(rs, "e_"), rs.getString("linkname"), rs.getString("list_archive_url_format")));
        }
      }
    }
    return members;
  }

  private static PatchRow row(ResultSet rs, boolean detail) throws SQLException {
    long relatedId = rs.getLong("related_id");
    Long related = rs.wasNull() ? null : relatedId;
    return new PatchRow(rs.getLong("id"), rs.getString("msgid"), rs.getTimestamp("date").toLocalDateTime(),
        rs.getString("name"), rs.getString("commit_ref"), rs.getString("pull_url"), rs.getBoolean("archived"),
        rs.getString("hash"), related, rs.getString("state_slug"), ProjectRow.read(rs, "pr_"),
        SubmitterRow.read(rs, "s_"), UserRow.readNullable(rs, "d_"), SeriesRefRow.readNullable(rs, "se_"),
        checkName(rs.getInt("check_rank")), detail ? rs.getString("headers") : null,
        detail ? rs.getString("content") : null, detail ? rs.getString("diff") : null);
  }

  private static String checkName(int rank) {
    switch (rank) {
      case 4:
        return "fail";
      case 3:
        return "warning";
      case 1:
        return "success";
      default:
        return "pending";
    }
  }
}
