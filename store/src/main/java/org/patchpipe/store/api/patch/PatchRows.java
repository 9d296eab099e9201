package org.patchpipe.store.api.patch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * The SQL behind {@code /patches/}: one SELECT joining what a patch embeds (project, submitter,
 * state, delegate, series) plus its combined check state, and the reader that turns a row into
 * {@link PatchJson}. Stateless.
 */
final class PatchRows {
  /**
   * Patchwork's {@code combined_check_state}: of the newest check per (user, context), any fail
   * wins, then warning, then pending; all success is success; no checks is pending. Ranked here as
   * 4 fail, 3 warning, 2 pending, 1 success (state codes 3, 2, 0, 1).
   */
  static final String CHECK_RANK =
      "(SELECT max(CASE c.state WHEN 3 THEN 4 WHEN 2 THEN 3 WHEN 0 THEN 2 ELSE 1 END) FROM"
          + " (SELECT DISTINCT ON (k.user_id, k.context) k.state FROM patch_check k"
          + " WHERE k.patch_id = p.id ORDER BY k.user_id, k.context, k.date DESC, k.id DESC) c)";

  static final String FROM =
      " FROM patch p"
          + " JOIN project pr ON pr.id = p.project_id"
          + " JOIN person s ON s.id = p.submitter_id"
          + " JOIN state st ON st.id = p.state_id"
          + " LEFT JOIN auth_user d ON d.id = p.delegate_id"
          + " LEFT JOIN series se ON se.id = p.series_id";

  static final String SELECT =
      "SELECT p.id, p.msgid, p.date, p.name, p.commit_ref, p.pull_url, p.archived, p.hash,"
          + " p.related_id, st.slug AS state_slug, "
          + EmbeddedProject.columns("pr", "pr_") + ", "
          + EmbeddedPerson.columns("s", "s_") + ", "
          + EmbeddedUser.columns("d", "d_") + ", "
          + EmbeddedSeries.columns("se", "se_") + ", "
          + CHECK_RANK + " AS check_rank";

  static final String SELECT_DETAIL = SELECT + ", p.headers, p.content, p.diff";

  private PatchRows() {}

  /** A row read, and what the page still needs to fetch: its relation's other patches. */
  record Row(PatchJson json, Long relatedId) {}

  static Row read(ResultSet rs, Urls urls) throws SQLException {
    long id = rs.getLong("id");
    EmbeddedProject project = EmbeddedProject.read(rs, "pr_", urls);
    String msgid = rs.getString("msgid");
    EmbeddedSeries series = EmbeddedSeries.readNullable(rs, "se_", project.linkName(), urls);
    long relatedId = rs.getLong("related_id");
    Long related = rs.wasNull() ? null : relatedId;
    String web = urls.patchWeb(project.linkName(), msgid);
    PatchJson json = new PatchJson(
        id,
        urls.api("patches/" + id + "/"),
        web,
        project,
        msgid,
        Urls.listArchiveUrl(project.listArchiveUrlFormat(), msgid),
        Dates.iso(rs.getTimestamp("date").toLocalDateTime()),
        rs.getString("name"),
        rs.getString("commit_ref"),
        rs.getString("pull_url"),
        rs.getString("state_slug"),
        rs.getBoolean("archived"),
        rs.getString("hash"),
        EmbeddedPerson.read(rs, "s_", urls),
        EmbeddedUser.readNullable(rs, "d_", urls),
        web + "mbox/",
        series == null ? List.of() : List.of(series),
        urls.unversioned("patches/" + id + "/comments/"),
        checkName(rs.getInt("check_rank")),
        urls.unversioned("patches/" + id + "/checks/"),
        Map.of(),
        List.of());
    return new Row(json, related);
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

  /** The rows with {@code related} filled: every other patch of each row's relation. */
  static List<PatchJson> withRelated(Connection connection, List<Row> rows, Urls urls)
      throws SQLException {
    List<Long> relations = new ArrayList<>();
    for (Row row : rows) {
      if (row.relatedId() != null && !relations.contains(row.relatedId())) {
        relations.add(row.relatedId());
      }
    }
    Map<Long, List<EmbeddedSubmission>> members = new HashMap<>();
    if (!relations.isEmpty()) {
      String sql = "SELECT p.related_id, " + EmbeddedSubmission.columns("p", "e_")
          + ", pr.linkname, pr.list_archive_url_format FROM patch p JOIN project pr ON pr.id = p.project_id"
          + " WHERE p.related_id = ANY (?) ORDER BY p.id";
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setArray(1, connection.createArrayOf("bigint", relations.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            EmbeddedSubmission patch = EmbeddedSubmission.readNullable(
                rs, "e_", EmbeddedSubmission.Kind.PATCH, rs.getString("linkname"),
                rs.getString("list_archive_url_format"), urls);
            members.computeIfAbsent(rs.getLong("related_id"), k -> new ArrayList<>())
                .add(patch);
          }
        }
      }
    }
    List<PatchJson> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      PatchJson p = row.json();
      if (row.relatedId() != null) {
        List<EmbeddedSubmission> related = new ArrayList<>();
        for (EmbeddedSubmission other : members.getOrDefault(row.relatedId(), List.of())) {
          if (other.id() != p.id()) {
            related.add(other);
          }
        }
        p = new PatchJson(
            p.id(), p.url(), p.webUrl(), p.project(), p.msgid(), p.listArchiveUrl(), p.date(),
            p.name(), p.commitRef(), p.pullUrl(), p.state(), p.archived(), p.hash(), p.submitter(),
            p.delegate(), p.mbox(), p.series(), p.comments(), p.check(), p.checks(), p.tags(),
            List.copyOf(related));
      }
      out.add(p);
    }
    return out;
  }
}
