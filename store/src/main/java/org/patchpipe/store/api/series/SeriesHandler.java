package org.patchpipe.store.api.series;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.Ordering;
import org.patchpipe.store.db.SqlFilter;

/** {@code /series/} and {@code /series/<id>/}: Patchwork's {@code SeriesList} and {@code SeriesDetail}. */
public final class SeriesHandler {
  public static final String ALLOW = "GET, HEAD, OPTIONS";

  private static final String FROM = " FROM series se"
      + " JOIN project pr ON pr.id = se.project_id"
      + " JOIN person s ON s.id = se.submitter_id"
      + " LEFT JOIN cover c ON c.id = se.cover_letter_id";
  private static final String SELECT = "SELECT se.id, se.name, se.date, se.version, se.total, "
      + EmbeddedProject.columns("pr", "pr_") + ", " + EmbeddedPerson.columns("s", "s_") + ", "
      + EmbeddedSubmission.columns("c", "c_");
  private static final Ordering ORDERING =
      new Ordering(Map.of("id", "se.id", "name", "se.name", "date", "se.date"), "id");

  private final ApiDatabase db;

  public SeriesHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    Listing.QueryBuilder<SeriesJson> query = connection -> {
      SqlFilter f = new SqlFilter();
      var q = request.query();
      f.choice(connection, "se.project_id", q.all("project"), "project", "linkname", v -> v);
      f.choice(connection, "se.submitter_id", q.all("submitter"), "person", "email", v -> v);
      f.dates(q.get("since"), q.get("before"), "se.date");
      f.search(q.get("q"), "se.name");
      return new ListQuery<>("SELECT count(*)" + FROM, SELECT + FROM, f, ORDERING.sql(q.get("order"), "se.id"),
          rs -> row(rs, request.urls()));
    };
    return Listing.respond(request, db, false, ALLOW, query,
        (connection, rows) -> withPatches(connection, rows, request.urls()));
  }

  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    SeriesJson series = db.read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(SELECT + FROM + " WHERE se.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw ApiException.notFound();
          }
          return withPatches(connection, List.of(row(rs, request.urls())), request.urls()).get(0);
        }
      }
    });
    return ApiResponse.json(200, Json.write(series, request.urls()), Map.of("Allow", ALLOW));
  }

  private static SeriesJson row(ResultSet rs, Urls urls) throws SQLException {
    long id = rs.getLong("id");
    EmbeddedProject project = EmbeddedProject.read(rs, "pr_", urls);
    return new SeriesJson(
        id,
        urls.api("series/" + id + "/"),
        urls.seriesWeb(project.linkName(), id),
        project,
        rs.getString("name"),
        Dates.iso(rs.getTimestamp("date").toLocalDateTime()),
        EmbeddedPerson.read(rs, "s_", urls),
        rs.getInt("version"),
        rs.getInt("total"),
        0,
        false,
        urls.seriesMbox(id),
        EmbeddedSubmission.readNullable(
            rs, "c_", EmbeddedSubmission.Kind.COVER, project.linkName(), project.listArchiveUrlFormat(), urls),
        List.of(),
        List.of());
  }

  /** Fills {@code patches}, {@code received_total} and {@code received_all} for a page of series. */
  private static List<SeriesJson> withPatches(Connection connection, List<SeriesJson> rows, Urls urls)
      throws SQLException {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<EmbeddedSubmission>> patches = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT p.series_id, " + EmbeddedSubmission.columns("p", "p_")
            + ", pr.linkname, pr.list_archive_url_format FROM patch p JOIN project pr ON pr.id = p.project_id"
            + " WHERE p.series_id = ANY (?) ORDER BY p.date, p.id")) {
      ps.setArray(1, connection.createArrayOf("bigint", rows.stream().map(SeriesJson::id).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          patches.computeIfAbsent(rs.getLong("series_id"), k -> new ArrayList<>()).add(
              EmbeddedSubmission.readNullable(rs, "p_", EmbeddedSubmission.Kind.PATCH,
                  rs.getString("linkname"), rs.getString("list_archive_url_format"), urls));
        }
      }
    }
    Map<Long, List<org.patchpipe.store.api.embedded.EmbeddedSeries>> revisions =
        SeriesRevisions.of(connection, rows.stream().map(SeriesJson::id).toList(), urls);
    List<SeriesJson> out = new ArrayList<>(rows.size());
    for (SeriesJson s : rows) {
      List<EmbeddedSubmission> own = List.copyOf(patches.getOrDefault(s.id(), List.of()));
      out.add(new SeriesJson(
          s.id(), s.url(), s.webUrl(), s.project(), s.name(), s.date(), s.submitter(), s.version(),
          s.total(), own.size(), own.size() >= s.total(), s.mbox(), s.coverLetter(), own,
          revisions.getOrDefault(s.id(), List.of())));
    }
    return out;
  }
}
