package org.patchpipe.store.api.series;

import java.sql.SQLException;
import java.util.ArrayList;
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
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.db.InProject;
import org.patchpipe.store.db.SeriesRefRow;
import org.patchpipe.store.db.SeriesRepository.SeriesRow;
import org.patchpipe.store.db.SeriesRepository;
import org.patchpipe.store.db.SubmissionRow;

/** {@code /series/} and {@code /series/<id>/}: Patchwork's {@code SeriesList} and {@code SeriesDetail}. */
public final class SeriesHandler {

  private final ApiDatabase db;

  public SeriesHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    var q = request.query();
    SeriesRepository.SeriesFilter filter = new SeriesRepository.SeriesFilter(
        q.all("project"), q.all("submitter"), q.get("since"), q.get("before"), q.get("q"));
    return Listing.respond(request, db, false,
        connection -> new SeriesRepository(connection).list(filter, q.get("order")),
        (connection, rows) -> json(new SeriesRepository(connection), rows, request.urls()));
  }

  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    SeriesJson series = db.read(connection -> {
      SeriesRepository repository = new SeriesRepository(connection);
      SeriesRow row = repository.find(id).orElseThrow(ApiException::notFound);
      return json(repository, List.of(row), request.urls()).get(0);
    });
    return ApiResponse.json(200, Json.write(series, request.urls()), Map.of());
  }

  /** The API links of the series {@code links} holds for this one; null where the project hides them. */
  private static List<String> seriesLinks(SeriesRow row, Map<Long, List<Long>> links, Urls urls) {
    if (!row.project().showDependencies()) {
      return null;
    }
    return links.getOrDefault(row.id(), List.of()).stream().map(id -> urls.api("series/" + id + "/")).toList();
  }

  /**
   * A page of series with {@code patches}, {@code received_total}, {@code received_all} and the
   * other revisions ({@code related}; a series never linked has none, and then the API leaves the
   * key out, so unlinked series render exactly as Patchwork's).
   */
  private static List<SeriesJson> json(SeriesRepository repository, List<SeriesRow> rows, Urls urls)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Long> ids = rows.stream().map(SeriesRow::id).toList();
    Map<Long, List<InProject<SubmissionRow>>> patches = repository.patches(ids);
    Map<Long, List<InProject<SeriesRefRow>>> revisions = repository.revisions(ids);
    Map<Long, List<Long>> dependencies = repository.dependencies(ids);
    Map<Long, List<Long>> dependents = repository.dependents(ids);
    List<SeriesJson> out = new ArrayList<>(rows.size());
    for (SeriesRow row : rows) {
      EmbeddedProject project = EmbeddedProject.of(row.project(), urls);
      List<EmbeddedSubmission> own = patches.getOrDefault(row.id(), List.of()).stream()
          .map(p -> EmbeddedSubmission.of(p.row(), EmbeddedSubmission.Kind.PATCH, p.linkName(),
              p.listArchiveUrlFormat(), urls))
          .toList();
      List<EmbeddedSeries> related = revisions.getOrDefault(row.id(), List.of()).stream()
          .map(r -> EmbeddedSeries.of(r.row(), r.linkName(), urls))
          .toList();
      out.add(new SeriesJson(
          row.id(),
          urls.api("series/" + row.id() + "/"),
          urls.seriesWeb(project.linkName(), row.id()),
          project,
          row.name(),
          Dates.iso(row.date()),
          EmbeddedPerson.of(row.submitter(), urls),
          row.version(),
          row.total(),
          own.size(),
          own.size() >= row.total(),
          urls.seriesMbox(row.id()),
          EmbeddedSubmission.of(row.coverLetter(), EmbeddedSubmission.Kind.COVER, project.linkName(),
              project.listArchiveUrlFormat(), urls),
          own,
          seriesLinks(row, dependencies, urls),
          seriesLinks(row, dependents, urls),
          related));
    }
    return out;
  }
}
