package org.patchpipe.store.api.series;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.DrfFields;
import org.patchpipe.store.api.patch.PatchHandler;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.SeriesRepository;

/**
 * {@code PATCH /series/<id>/}, patchpipe's extension (Patchwork answers 405 there; its issues #157
 * and #509, and b4 and netdev's bots change a series one patch at a time): {@code state},
 * {@code archived} and/or {@code delegate} set on every patch of the series in one transaction,
 * through the patch {@code PATCH} code path ({@link PatchHandler#edit}), so each field is validated
 * and each patch's change recorded exactly as a patch {@code PATCH} of it would be: one
 * {@code patch-state-changed} or {@code patch-delegated} event per patch that changes. All or
 * nothing: 404 for an unknown series, 403 when anonymous or when the caller may not edit any one
 * of the patches (before the body is read), 400 for an invalid value or a field a series does not
 * take ({@code commit_ref}, {@code pull_url} and {@code related} belong to one patch); then nothing
 * changed. Answers the series as {@code GET} does.
 */
public final class SeriesUpdate {
  private static final List<String> PER_PATCH = List.of("commit_ref", "pull_url", "related");

  private final ApiDatabase db;
  private final SeriesHandler series;

  public SeriesUpdate(ApiDatabase db, SeriesHandler series) {
    this.db = db;
    this.series = series;
  }

  public ApiResponse update(ApiRequest request) {
    long id = request.idParam(0);
    db.write(connection -> {
      new SeriesRepository(connection).find(id).orElseThrow(ApiException::notFound);
      ApiUser user = request.requireUser();
      List<Long> patches = new PatchRepository(connection, db.clock()).ofSeries(id).stream()
          .map(PatchRepository.SeriesPatch::id).toList();
      PatchHandler.edit(connection, db.clock(), patches, user, () -> body(request), true);
      return null;
    });
    return series.detail(request);
  }

  private static JsonNode body(ApiRequest request) {
    JsonNode body = request.bodyTree();
    DrfFields.requireObject(body);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (String field : PER_PATCH) {
      if (body.has(field)) {
        errors.put(field, List.of("A series sets only state, archived and delegate; set " + field
            + " on each patch."));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return body;
  }
}
