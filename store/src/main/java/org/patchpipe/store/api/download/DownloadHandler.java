package org.patchpipe.store.api.download;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.PercentCoding;

/**
 * The download views: {@code /project/<linkname>/patch/<msgid>/mbox/} (optionally
 * {@code ?series=*} or {@code ?series=<id>} to prepend the series' earlier patches), {@code .../raw/},
 * {@code /project/<linkname>/cover/<msgid>/mbox/}, {@code /series/<id>/mbox/}, and the id-based
 * {@code /patch/<id>/...} and {@code /cover/<id>/...} URLs, which answer 302 to the msgid-based ones.
 */
public final class DownloadHandler {
  private static final Pattern FILE_NAME = Pattern.compile("[^-_A-Za-z0-9.]+");

  private static final String SUBMISSION_SELECT =
      "SELECT x.id, x.name, x.date, x.headers, x.content, %s AS diff, %s AS delegate_email,"
          + " s.name AS s_name, s.email AS s_email, pr.listemail"
          + " FROM %s x JOIN project pr ON pr.id = x.project_id JOIN person s ON s.id = x.submitter_id %s";

  private final ApiDatabase db;

  public DownloadHandler(ApiDatabase db) {
    this.db = db;
  }

  /** {@code /project/<linkname>/patch/<msgid>/mbox/}. */
  public ApiResponse patchMbox(ApiRequest request) {
    String series = request.query().get("series");
    return db.read(connection -> {
      long id = findByMsgid(connection, "patch", request.param(0), request.param(1));
      Submission patch = patch(connection, id);
      String text;
      if (series != null && !series.isEmpty()) {
        text = withDependencies(connection, id, series);
      } else {
        text = MboxDocument.render(patch);
      }
      return ApiResponse.text("text/plain; charset=utf-8", text, fileName(patch.name()) + ".patch");
    });
  }

  /** {@code /project/<linkname>/patch/<msgid>/raw/}: the stored diff alone. */
  public ApiResponse patchRaw(ApiRequest request) {
    return db.read(connection -> {
      long id = findByMsgid(connection, "patch", request.param(0), request.param(1));
      Submission patch = patch(connection, id);
      return ApiResponse.text("text/x-patch", patch.diff() == null ? "" : patch.diff(),
          fileName(patch.name()) + ".diff");
    });
  }

  /** {@code /project/<linkname>/cover/<msgid>/mbox/}. */
  public ApiResponse coverMbox(ApiRequest request) {
    return db.read(connection -> {
      long id = findByMsgid(connection, "cover", request.param(0), request.param(1));
      Submission cover = cover(connection, id);
      return ApiResponse.text("text/plain", MboxDocument.render(cover), fileName(cover.name()) + ".mbox");
    });
  }

  /** {@code /series/<id>/mbox/}: every patch of the series in number order, joined by a newline. */
  public ApiResponse seriesMbox(ApiRequest request) {
    long seriesId = request.idParam(0);
    return db.read(connection -> {
      String name;
      try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM series WHERE id = ?")) {
        ps.setLong(1, seriesId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.detail(404, "Not found.");
          }
          name = rs.getString(1);
        }
      }
      List<String> parts = new ArrayList<>();
      for (long id : ids(connection,
          "SELECT id FROM patch WHERE series_id = ? ORDER BY number, id", seriesId)) {
        parts.add(MboxDocument.render(patch(connection, id)));
      }
      return ApiResponse.text("text/plain", String.join("\n", parts), fileName(String.valueOf(name)) + ".patch");
    });
  }

  /** {@code /patch/<id>/...} and {@code /cover/<id>/...}: 302 to the msgid-based URL. */
  public ApiResponse redirect(ApiRequest request, String table, String kind, String suffix) {
    long id = request.idParam(0);
    return db.read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT pr.linkname, x.msgid FROM " + table + " x JOIN project pr ON pr.id = x.project_id WHERE x.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.detail(404, "Not found.");
          }
          return ApiResponse.redirect("/project/" + rs.getString(1) + "/" + kind + "/"
              + PercentCoding.msgidPath(rs.getString(2)) + "/" + suffix);
        }
      }
    });
  }

  /** Patchwork's {@code series_patch_to_mbox}: the series' lower-numbered patches, then this one. */
  private String withDependencies(Connection connection, long patchId, String series) throws SQLException {
    Long seriesId = null;
    Integer number = null;
    try (PreparedStatement ps = connection.prepareStatement("SELECT series_id, number FROM patch WHERE id = ?")) {
      ps.setLong(1, patchId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long s = rs.getLong(1);
        seriesId = rs.wasNull() ? null : s;
        int n = rs.getInt(2);
        number = rs.wasNull() ? null : n;
      }
    }
    if (seriesId == null) {
      throw ApiException.detail(404, "Patch does not have an associated series. This is because the patch"
          + " was processed with an older version of Patchwork. It is not possible to provide"
          + " dependencies for this patch.");
    }
    if (!series.equals("*")) {
      long wanted;
      try {
        wanted = Long.parseLong(series);
      } catch (NumberFormatException e) {
        throw ApiException.detail(404, "Expected integer series value or *. Received: '" + series + "'");
      }
      if (wanted != seriesId) {
        throw ApiException.detail(404, "Patch does not belong to series " + wanted);
      }
    }
    List<String> parts = new ArrayList<>();
    for (long id : ids(connection, "SELECT id FROM patch WHERE series_id = ? AND number < "
        + (number == null ? 0 : number) + " ORDER BY number, id", seriesId)) {
      parts.add(MboxDocument.render(patch(connection, id)));
    }
    parts.add(MboxDocument.render(patch(connection, patchId)));
    return String.join("\n", parts);
  }

  /**
   * The id of the patch or cover with this Message-ID in this project. The path was decoded once;
   * Patchwork then fails for msgids containing {@code /} (it wrote them as {@code %252F}); we also
   * try the {@code %2F} form as {@code /} so its own links resolve.
   */
  private static long findByMsgid(Connection connection, String table, String linkName, String msgid)
      throws SQLException {
    for (String candidate : List.of(msgid, msgid.replace("%2F", "/"))) {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT x.id FROM " + table + " x JOIN project pr ON pr.id = x.project_id"
              + " WHERE pr.linkname = ? AND x.msgid = ?")) {
        ps.setString(1, linkName);
        ps.setString(2, "<" + candidate + ">");
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
      }
    }
    throw ApiException.detail(404, "Not found.");
  }

  private static Submission patch(Connection connection, long id) throws SQLException {
    return load(connection, String.format(SUBMISSION_SELECT, "x.diff", "d.email", "patch",
        "LEFT JOIN auth_user d ON d.id = x.delegate_id") + " WHERE x.id = ?", id,
        "SELECT content FROM patch_comment WHERE patch_id = ? ORDER BY date, id");
  }

  private static Submission cover(Connection connection, long id) throws SQLException {
    return load(connection, String.format(SUBMISSION_SELECT, "NULL", "NULL", "cover", "") + " WHERE x.id = ?", id,
        "SELECT content FROM cover_comment WHERE cover_id = ? ORDER BY date, id");
  }

  private static Submission load(Connection connection, String sql, long id, String commentsSql)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.detail(404, "Not found.");
        }
        List<String> comments = new ArrayList<>();
        try (PreparedStatement cs = connection.prepareStatement(commentsSql)) {
          cs.setLong(1, id);
          try (ResultSet c = cs.executeQuery()) {
            while (c.next()) {
              comments.add(c.getString(1));
            }
          }
        }
        return new Submission(
            rs.getLong("id"), rs.getString("name"), rs.getTimestamp("date").toLocalDateTime(),
            rs.getString("s_name"), rs.getString("s_email"), rs.getString("delegate_email"),
            rs.getString("headers"), rs.getString("content"), rs.getString("diff"),
            rs.getString("listemail"), comments);
      }
    }
  }

  private static List<Long> ids(Connection connection, String sql, long param) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Patchwork's {@code filename}: runs of other characters become {@code -}, trimmed of {@code -}. */
  static String fileName(String name) {
    String replaced = FILE_NAME.matcher(name).replaceAll("-");
    int start = 0;
    int end = replaced.length();
    while (start < end && replaced.charAt(start) == '-') {
      start++;
    }
    while (end > start && replaced.charAt(end - 1) == '-') {
      end--;
    }
    return replaced.substring(start, end);
  }
}
