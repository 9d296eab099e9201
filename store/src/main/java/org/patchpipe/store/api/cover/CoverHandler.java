package org.patchpipe.store.api.cover;

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
import org.patchpipe.store.db.CoverRepository.CoverRow;
import org.patchpipe.store.db.CoverRepository;

/** {@code /covers/} and {@code /covers/<id>/}: Patchwork's {@code CoverList} and {@code CoverDetail}. */
public final class CoverHandler {

  private final ApiDatabase db;

  public CoverHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    var q = request.query();
    CoverRepository.CoverFilter filter = new CoverRepository.CoverFilter(
        q.all("project"), q.all("series"), q.all("submitter"), q.get("msgid"), q.get("since"), q.get("before"),
        q.get("q"));
    return Listing.respond(request, db, false,
        connection -> new CoverRepository(connection).list(filter, q.get("order")),
        (connection, rows) -> rows.stream().map(row -> json(row, request.urls())).toList());
  }

  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    CoverRow row = db.read(connection -> new CoverRepository(connection).find(id)).orElseThrow(ApiException::notFound);
    CoverDetailJson cover = CoverDetailJson.of(
        json(row, request.urls()),
        row.headers() == null || row.headers().isEmpty() ? Map.of() : ApiHeaders.render(row.headers()),
        row.content());
    return ApiResponse.json(200, Json.write(cover, request.urls()), Map.of());
  }

  private static CoverJson json(CoverRow row, Urls urls) {
    EmbeddedProject project = EmbeddedProject.of(row.project(), urls);
    String web = urls.coverWeb(project.linkName(), row.msgid());
    EmbeddedSeries series = EmbeddedSeries.of(row.series(), project.linkName(), urls);
    return new CoverJson(
        row.id(),
        urls.api("covers/" + row.id() + "/"),
        web,
        project,
        row.msgid(),
        Urls.listArchiveUrl(project.listArchiveUrlFormat(), row.msgid()),
        Dates.iso(row.date()),
        row.name(),
        EmbeddedPerson.of(row.submitter(), urls),
        web + "mbox/",
        series == null ? List.of() : List.of(series),
        urls.unversioned("covers/" + row.id() + "/comments/"));
  }
}
