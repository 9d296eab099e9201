package org.patchpipe.store.api.bundle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.Json;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.BundleRepository;
import org.patchpipe.store.db.BundleRepository.BundleRow;
import org.patchpipe.store.db.InProject;
import org.patchpipe.store.db.SqlFilter;
import org.patchpipe.store.db.SubmissionRow;

/**
 * {@code /bundles/} and {@code /bundles/<id>/}: Patchwork's {@code BundleList} and
 * {@code BundleDetail} with its permissions ({@code PatchworkPermission & BundlePermission}). Reads
 * see public bundles and the caller's own; a private bundle of someone else is 404, so its existence
 * does not leak. Writes exist from API 1.2 on (405 before); creating needs a caller (403), and
 * updating or deleting needs the bundle's owner (403 for a public bundle of someone else).
 *
 * <p>One deliberate difference: a second bundle of the same owner and name is refused with the 400
 * {@code non_field_errors} DRF's unique-together validator writes; Patchwork's serializer does not
 * validate the pair (the owner is read-only there), so its database refuses the write with a 500.
 */
public final class BundleHandler {
  private static final String DUPLICATE = "The fields owner, name must make a unique set.";

  private final ApiDatabase db;

  public BundleHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    var q = request.query();
    BundleRepository.BundleFilter filter = new BundleRepository.BundleFilter(
        q.all("project"), q.all("owner"), SqlFilter.parseBoolean(q.get("public")), q.get("q"));
    Long viewer = viewer(request);
    return Listing.respond(request, db, false,
        connection -> new BundleRepository(connection).list(filter, viewer, q.get("order")),
        (connection, rows) -> json(new BundleRepository(connection), rows, request.urls()));
  }

  public ApiResponse detail(ApiRequest request) {
    long id = request.idParam(0);
    BundleJson bundle = db.read(connection -> {
      BundleRepository bundles = new BundleRepository(connection);
      return render(bundles, bundles.findVisible(id, viewer(request)).orElseThrow(ApiException::notFound),
          request.urls());
    });
    return ApiResponse.json(200, Json.write(bundle, request.urls()), Map.of());
  }

  /** {@code POST /bundles/}: a new bundle of the caller's, 201 with its {@code Location}. */
  public ApiResponse create(ApiRequest request) {
    requireWritableVersion(request);
    ApiUser user = request.requireUser();
    BundleJson bundle = db.write(connection -> {
      BundleRepository bundles = new BundleRepository(connection);
      BundleFields fields = BundleFields.read(request, false, bundles::patchProjects);
      refuseDuplicate(bundles, user.id(), fields.name(), null);
      long id = bundles.create(user.id(), fields.projectId(), fields.name(), fields.isPublic() == Boolean.TRUE);
      bundles.replacePatches(id, fields.patches());
      return render(bundles, bundles.findVisible(id, user.id()).orElseThrow(), request.urls());
    });
    return ApiResponse.json(201, Json.write(bundle, request.urls()), Map.of("Location", bundle.url()));
  }

  /** {@code PUT} (every field) and {@code PATCH} (those given) of the caller's bundle. */
  public ApiResponse update(ApiRequest request) {
    requireWritableVersion(request);
    long id = request.idParam(0);
    BundleJson bundle = db.write(connection -> {
      BundleRepository bundles = new BundleRepository(connection);
      BundleRow row = owned(connection, request, id);
      BundleFields fields = BundleFields.read(request, request.method().equals("PATCH"), bundles::patchProjects);
      if (fields.name() != null) {
        refuseDuplicate(bundles, row.owner().id(), fields.name(), id);
      }
      bundles.update(id, fields.name(), fields.isPublic(), fields.projectId());
      if (fields.patches() != null) {
        bundles.replacePatches(id, fields.patches());
      }
      return render(bundles, bundles.findVisible(id, row.owner().id()).orElseThrow(), request.urls());
    });
    return ApiResponse.json(200, Json.write(bundle, request.urls()), Map.of());
  }

  /** {@code DELETE} of the caller's bundle: 204 without a body. */
  public ApiResponse delete(ApiRequest request) {
    requireWritableVersion(request);
    long id = request.idParam(0);
    db.write(connection -> {
      owned(connection, request, id);
      new BundleRepository(connection).delete(id);
      return null;
    });
    return new ApiResponse(204, Map.of(), new byte[0]);
  }

  /** A bundle's page, {@code /bundle/<owner>/<name>/}, with the name quoted as Django's {@code reverse()} does. */
  static String webUrl(Urls urls, String owner, String name) {
    return urls.site(Urls.bundlePath(owner, name));
  }

  /**
   * The bundle, for its owner. As Patchwork: one the caller may not see is 404 whoever asks; one
   * of someone else's is 403 (without credentials: "not provided").
   */
  private static BundleRow owned(Connection connection, ApiRequest request, long id) throws SQLException {
    BundleRow row = new BundleRepository(connection).findVisible(id, viewer(request))
        .orElseThrow(ApiException::notFound);
    ApiUser user = request.requireUser();
    if (row.owner().id() != user.id()) {
      throw ApiException.forbidden();
    }
    return row;
  }

  /** {@code BundlePermission}: bundles are read-only before API 1.2 (an unversioned request is the latest). */
  private static void requireWritableVersion(ApiRequest request) {
    if (request.urls().minorVersion() < 2) {
      throw ApiException.detail(405, "Method \"" + request.method() + "\" not allowed.");
    }
  }

  private static void refuseDuplicate(BundleRepository bundles, long ownerId, String name, Long exceptId)
      throws SQLException {
    if (bundles.nameTaken(ownerId, name, exceptId)) {
      throw ApiException.invalid(Map.of("non_field_errors", List.of(DUPLICATE)));
    }
  }

  private static Long viewer(ApiRequest request) {
    return request.user().map(ApiUser::id).orElse(null);
  }

  private static BundleJson render(BundleRepository bundles, BundleRow row, Urls urls) throws SQLException {
    return json(bundles, List.of(row), urls).get(0);
  }

  private static List<BundleJson> json(BundleRepository bundles, List<BundleRow> rows, Urls urls)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<InProject<SubmissionRow>>> patches = bundles.patches(rows.stream().map(BundleRow::id).toList());
    List<BundleJson> out = new ArrayList<>(rows.size());
    for (BundleRow row : rows) {
      String web = webUrl(urls, row.owner().username(), row.name());
      out.add(new BundleJson(
          row.id(),
          urls.api("bundles/" + row.id() + "/"),
          web,
          EmbeddedProject.of(row.project(), urls),
          row.name(),
          EmbeddedUser.of(row.owner(), urls),
          patches.getOrDefault(row.id(), List.of()).stream()
              .map(p -> EmbeddedSubmission.of(p.row(), EmbeddedSubmission.Kind.PATCH, p.linkName(),
                  p.listArchiveUrlFormat(), urls))
              .toList(),
          row.isPublic(),
          web + "mbox/"));
    }
    return out;
  }
}
