package org.patchpipe.store.api.download;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.ApiUser;
import org.patchpipe.store.api.PercentCoding;
import org.patchpipe.store.db.BundleRepository;
import org.patchpipe.store.db.Submission;
import org.patchpipe.store.db.SubmissionKind;
import org.patchpipe.store.db.SubmissionRepository;

/**
 * The download views: {@code /project/<linkname>/patch/<msgid>/mbox/} (optionally
 * {@code ?series=*} or {@code ?series=<id>} to prepend the series' earlier patches), {@code .../raw/},
 * {@code /project/<linkname>/cover/<msgid>/mbox/}, {@code /series/<id>/mbox/},
 * {@code /bundle/<user>/<name>/mbox/}, and the id-based
 * {@code /patch/<id>/...} and {@code /cover/<id>/...} URLs, which answer 302 to the msgid-based ones.
 */
public final class DownloadHandler {
  private static final Pattern FILE_NAME = Pattern.compile("[^-_A-Za-z0-9.]+");

  private final ApiDatabase db;

  public DownloadHandler(ApiDatabase db) {
    this.db = db;
  }

  /** {@code /project/<linkname>/patch/<msgid>/mbox/}. */
  public ApiResponse patchMbox(ApiRequest request) {
    String series = request.query().get("series");
    return db.read(connection -> {
      long id = findByMsgid(connection, SubmissionKind.PATCH, request.param(0), request.param(1));
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
      long id = findByMsgid(connection, SubmissionKind.PATCH, request.param(0), request.param(1));
      Submission patch = patch(connection, id);
      return ApiResponse.text("text/x-patch", patch.diff() == null ? "" : patch.diff(),
          fileName(patch.name()) + ".diff");
    });
  }

  /** {@code /project/<linkname>/cover/<msgid>/mbox/}. */
  public ApiResponse coverMbox(ApiRequest request) {
    return db.read(connection -> {
      long id = findByMsgid(connection, SubmissionKind.COVER, request.param(0), request.param(1));
      Submission cover = cover(connection, id);
      return ApiResponse.text("text/plain", MboxDocument.render(cover), fileName(cover.name()) + ".mbox");
    });
  }

  /** {@code /series/<id>/mbox/}: every patch of the series in number order, joined by a newline. */
  public ApiResponse seriesMbox(ApiRequest request) {
    long seriesId = request.idParam(0);
    return db.read(connection -> {
      SubmissionRepository submissions = new SubmissionRepository(connection);
      String name = submissions.seriesName(seriesId).orElseThrow(() -> ApiException.detail(404, "Not found."))
          .orElse(null);
      List<String> parts = new ArrayList<>();
      for (long id : submissions.seriesPatchIds(seriesId, null)) {
        parts.add(MboxDocument.render(patch(connection, id)));
      }
      return ApiResponse.text("text/plain", String.join("\n", parts), fileName(String.valueOf(name)) + ".patch");
    });
  }

  /**
   * {@code /bundle/<user>/<name>/mbox/}: the bundle's patches in the bundle's order, joined by a
   * newline (Patchwork's {@code bundle_to_mbox}), for its owner or, when it is public, anyone; 404
   * for others, as Patchwork, which knows the caller here by the API's credentials.
   */
  public ApiResponse bundleMbox(ApiRequest request) {
    Long viewer = request.user().map(ApiUser::id).orElse(null);
    return db.read(connection -> {
      BundleRepository bundles = new BundleRepository(connection);
      BundleRepository.BundleRow bundle = bundles.findVisible(request.param(0), request.param(1), viewer)
          .orElseThrow(ApiException::notFound);
      List<String> parts = new ArrayList<>();
      for (long id : bundles.orderedPatchIds(bundle.id())) {
        parts.add(MboxDocument.render(patch(connection, id)));
      }
      // Patchwork names the file after the bundle as it is; only what a header cannot carry is replaced.
      String name = bundle.name().replaceAll("[^\\x20-\\x7e]", "-");
      return ApiResponse.text("text/plain", String.join("\n", parts), "bundle-" + bundle.id() + "-" + name + ".mbox");
    });
  }

  /** {@code /patch/<id>/...} and {@code /cover/<id>/...}: 302 to the msgid-based URL. */
  public ApiResponse redirect(ApiRequest request, SubmissionKind kind, String suffix) {
    long id = request.idParam(0);
    SubmissionRepository.Location at = db.read(connection -> new SubmissionRepository(connection).location(kind, id))
        .orElseThrow(() -> ApiException.detail(404, "Not found."));
    return ApiResponse.redirect("/project/" + at.linkName() + "/" + (kind == SubmissionKind.PATCH ? "patch" : "cover") + "/"
        + PercentCoding.msgidPath(at.msgid()) + "/" + suffix);
  }

  /** Patchwork's {@code series_patch_to_mbox}: the series' lower-numbered patches, then this one. */
  private String withDependencies(Connection connection, long patchId, String series) throws SQLException {
    SubmissionRepository submissions = new SubmissionRepository(connection);
    SubmissionRepository.SeriesPlace place = submissions.place(patchId);
    Long seriesId = place.seriesId();
    Integer number = place.number();
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
    for (long id : submissions.seriesPatchIds(seriesId, number == null ? 0 : number)) {
      parts.add(MboxDocument.render(patch(connection, id)));
    }
    parts.add(MboxDocument.render(patch(connection, patchId)));
    return String.join("\n", parts);
  }

  private static long findByMsgid(Connection connection, SubmissionKind kind, String linkName, String msgid)
      throws SQLException {
    return new SubmissionRepository(connection).idByPathMsgid(kind, linkName, msgid)
        .orElseThrow(() -> ApiException.detail(404, "Not found."));
  }

  private static Submission patch(Connection connection, long id) throws SQLException {
    return find(connection, SubmissionKind.PATCH, id);
  }

  private static Submission cover(Connection connection, long id) throws SQLException {
    return find(connection, SubmissionKind.COVER, id);
  }

  private static Submission find(Connection connection, SubmissionKind kind, long id) throws SQLException {
    return new SubmissionRepository(connection).find(kind, id).orElseThrow(() -> ApiException.detail(404, "Not found."));
  }

  /** Patchwork's {@code filename}: runs of other characters become {@code -}, trimmed of {@code -}. */
  public static String fileName(String name) {
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
