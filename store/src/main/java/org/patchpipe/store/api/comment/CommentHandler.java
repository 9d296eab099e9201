package org.patchpipe.store.api.comment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Ordering;
import org.patchpipe.store.api.SqlFilter;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;

/**
 * The comments of one patch or one cover letter: Patchwork's {@code PatchCommentList} and
 * {@code CoverCommentList} (404 when the patch or cover does not exist).
 */
public final class CommentHandler {
  public static final String ALLOW = "GET, HEAD, OPTIONS";
  private static final Ordering ORDERING = new Ordering(Map.of("id", "m.id", "date", "m.date"), "id");

  /** Which parent the comments hang from: decides the tables. */
  public enum Parent {
    PATCH("patch", "patch_comment", "patch_id", "patches"),
    COVER("cover", "cover_comment", "cover_id", "covers");

    private final String table;
    private final String commentTable;
    private final String column;
    private final String apiPath;

    Parent(String table, String commentTable, String column, String apiPath) {
      this.table = table;
      this.commentTable = commentTable;
      this.column = column;
      this.apiPath = apiPath;
    }
  }

  private final ApiDatabase db;
  private final Parent parent;

  public CommentHandler(ApiDatabase db, Parent parent) {
    this.db = db;
    this.parent = parent;
  }

  public ApiResponse list(ApiRequest request) {
    long parentId = request.idParam(0);
    String format = db.read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT pr.list_archive_url_format FROM " + parent.table + " x JOIN project pr ON pr.id = x.project_id"
              + " WHERE x.id = ?")) {
        ps.setLong(1, parentId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.notFound();
          }
          return rs.getString(1);
        }
      }
    });
    SqlFilter filter = new SqlFilter().where("m." + parent.column + " = ?", parentId);
    String from = " FROM " + parent.commentTable + " m JOIN person s ON s.id = m.submitter_id";
    return Listing.respond(
        request, db, c -> filter, false, ALLOW,
        "SELECT count(*)" + from,
        "SELECT m.id, m.msgid, m.date, m.headers, m.content, m.addressed, " + EmbeddedPerson.columns("s", "s_") + from,
        ORDERING.sql(request.query(), "m.id"),
        rs -> row(rs, request.urls(), format, parent.apiPath + "/" + parentId + "/comments/"), null);
  }

  private static CommentJson row(ResultSet rs, Urls urls, String archiveFormat, String listPath)
      throws java.sql.SQLException {
    long id = rs.getLong("id");
    String msgid = rs.getString("msgid");
    String stored = rs.getString("headers");
    Map<String, Object> headers = stored == null || stored.isEmpty() ? Map.of() : ApiHeaders.render(stored);
    boolean addressed = rs.getBoolean("addressed");
    Boolean addressedOrNull = rs.wasNull() ? null : addressed;
    return new CommentJson(
        id,
        urls.api(listPath + id + "/"),
        urls.site("/comment/" + id + "/"),
        msgid,
        Urls.listArchiveUrl(archiveFormat, msgid),
        Dates.iso(rs.getTimestamp("date").toLocalDateTime()),
        subject(headers),
        EmbeddedPerson.read(rs, "s_", urls),
        rs.getString("content"),
        headers,
        addressedOrNull);
  }

  /** The first {@code Subject} value (any case of the name), or empty (R12.4). */
  private static String subject(Map<String, Object> headers) {
    for (Map.Entry<String, Object> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("subject")) {
        Object value = e.getValue();
        return value instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(value);
      }
    }
    return "";
  }
}
