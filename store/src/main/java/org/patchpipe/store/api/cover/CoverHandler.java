package org.patchpipe.store.api.cover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedPerson;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.Ordering;
import org.patchpipe.store.db.SqlFilter;

/** {@code /covers/} and {@code /covers/<id>/}: Patchwork's {@code CoverList} and {@code CoverDetail}. */
public final class CoverHandler {
  public static final String ALLOW = "GET, HEAD, OPTIONS";

  private static final String FROM = " FROM cover c"
      + " JOIN project pr ON pr.id = c.project_id"
      + " JOIN person s ON s.id = c.submitter_id"
      + " LEFT JOIN series se ON se.cover_letter_id = c.id";
  private static final String SELECT = "SELECT c.id, c.msgid, c.date, c.name, "
      + EmbeddedProject.columns("pr", "pr_") + ", " + EmbeddedPerson.columns("s", "s_") + ", "
      + EmbeddedSeries.columns("se", "se_");
  private static final Ordering ORDERING = new Ordering(
      Map.of("id", "c.id", "name", "c.name", "date", "c.date", "submitter", "c.submitter_id"), "id");

  private final ApiDatabase db;

  public CoverHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    Listing.QueryBuilder<CoverJson> query = connection -> {
      SqlFilter f = new SqlFilter();
      var q = request.query();
      f.choice(connection, "c.project_id", q.all("project"), "project", "linkname", v -> v);
      f.choice(connection, "se.id", q.all("series"), "series", null, v -> v);
      f.choice(connection, "c.submitter_id", q.all("submitter"), "person", "email", v -> v);
      String msgid = q.get("msgid");
      if (msgid != null) {
        f.where("c.msgid = ?", "<" + msgid + ">");
      }
      f.dates(q.get("since"), q.get("before"), "c.date");
      f.search(q.get("q"), "c.name");
      return new ListQuery<>("SELECT count(*)" + FROM, SELECT + FROM, f, ORDERING.sql(q.get("order"), "c.id"),
          rs -> row(rs, request.urls()));
    };
    return Listing.respond(request, db, false, ALLOW, query);
  }

  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    CoverDetailJson cover = db.read(connection -> find(connection, request.urls(), id));
    return ApiResponse.json(200, Json.write(cover, request.urls()), Map.of("Allow", ALLOW));
  }

  private static CoverDetailJson find(Connection connection, Urls urls, long id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        SELECT + ", c.headers, c.content" + FROM + " WHERE c.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiException.notFound();
        }
        String headers = rs.getString("headers");
        return CoverDetailJson.of(
            row(rs, urls),
            headers == null || headers.isEmpty() ? Map.of() : ApiHeaders.render(headers),
            rs.getString("content"));
      }
    }
  }

  private static CoverJson row(ResultSet rs, Urls urls) throws SQLException {
    long id = rs.getLong("id");
    EmbeddedProject project = EmbeddedProject.read(rs, "pr_", urls);
    String msgid = rs.getString("msgid");
    String web = urls.coverWeb(project.linkName(), msgid);
    EmbeddedSeries series = EmbeddedSeries.readNullable(rs, "se_", project.linkName(), urls);
    return new CoverJson(
        id,
        urls.api("covers/" + id + "/"),
        web,
        project,
        msgid,
        Urls.listArchiveUrl(project.listArchiveUrlFormat(), msgid),
        Dates.iso(rs.getTimestamp("date").toLocalDateTime()),
        rs.getString("name"),
        EmbeddedPerson.read(rs, "s_", urls),
        web + "mbox/",
        series == null ? List.of() : List.of(series),
        urls.unversioned("covers/" + id + "/comments/"));
  }
}
