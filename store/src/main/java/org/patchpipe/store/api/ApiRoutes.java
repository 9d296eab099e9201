package org.patchpipe.store.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.bundle.BundleHandler;
import org.patchpipe.store.api.check.CheckHandler;
import org.patchpipe.store.api.comment.CommentHandler;
import org.patchpipe.store.api.cover.CoverHandler;
import org.patchpipe.store.api.download.DownloadHandler;
import org.patchpipe.store.api.event.EventHandler;
import org.patchpipe.store.api.event.EventStream;
import org.patchpipe.store.api.patch.PatchHandler;
import org.patchpipe.store.api.person.PersonHandler;
import org.patchpipe.store.api.project.ProjectHandler;
import org.patchpipe.store.api.series.SeriesHandler;
import org.patchpipe.store.api.series.SeriesUpdate;
import org.patchpipe.store.api.user.UserHandler;
import org.patchpipe.store.db.SubmissionKind;
import org.patchpipe.store.web.BundlePages;
import org.patchpipe.store.web.CoverPage;
import org.patchpipe.store.web.PatchPage;
import org.patchpipe.store.web.PatchListPage;
import org.patchpipe.store.web.ProjectIndexPage;
import org.patchpipe.store.web.PwclientrcPage;
import org.patchpipe.store.web.StaticAsset;
import org.patchpipe.store.web.Templates;

/**
 * Every route the server answers, in one place: the REST API's resources (relative to
 * {@code /api/<version>/}), the site's pages (store.web) and its download views, each with the methods Patchwork's view
 * allows and patchpipe's extensions. {@link ApiServer} matches a request against these in order.
 */
final class ApiRoutes {
  private ApiRoutes() {}

  /** The API resources, relative to {@code /api/<version>/}. */
  static List<Route> api(ApiDatabase db, EventStream stream) {
    ProjectHandler projects = new ProjectHandler(db);
    UserHandler users = new UserHandler(db);
    PersonHandler people = new PersonHandler(db);
    PatchHandler patches = new PatchHandler(db);
    CoverHandler covers = new CoverHandler(db);
    SeriesHandler series = new SeriesHandler(db);
    CommentHandler patchComments = new CommentHandler(db, CommentHandler.Parent.PATCH);
    CommentHandler coverComments = new CommentHandler(db, CommentHandler.Parent.COVER);
    CheckHandler checks = new CheckHandler(db);
    EventHandler events = new EventHandler(db);
    BundleHandler bundles = new BundleHandler(db);
    return List.of(
        Route.get("", ApiRoutes::index),
        Route.get("projects/", projects::list),
        Route.get("projects/([^/]+)/", projects::detail)
            .and("PUT", projects::update)
            .and("PATCH", projects::update),
        Route.get("users/", users::list),
        Route.get("users/([^/]+)/", users::detail)
            .and("PUT", users::update)
            .and("PATCH", users::update),
        Route.get("people/", people::list),
        Route.get("people/([^/]+)/", people::detail),
        Route.get("patches/", patches::list),
        Route.get("patches/([^/]+)/", patches::detail)
            .and("PUT", patches::update)
            .and("PATCH", patches::update),
        Route.get("patches/([^/]+)/comments/", patchComments::list),
        Route.get("patches/([^/]+)/comments/([^/]+)/", patchComments::detail)
            .and("PUT", patchComments::update)
            .and("PATCH", patchComments::update)
            .since(3),
        Route.get("patches/([^/]+)/checks/", checks::list)
            .and("POST", checks::create),
        Route.get("patches/([^/]+)/checks/([^/]+)/", checks::detail),
        Route.get("covers/", covers::list),
        Route.get("covers/([^/]+)/", covers::detail),
        Route.get("covers/([^/]+)/comments/", coverComments::list),
        Route.get("covers/([^/]+)/comments/([^/]+)/", coverComments::detail)
            .and("PUT", coverComments::update)
            .and("PATCH", coverComments::update)
            .since(3),
        Route.get("series/", series::list),
        Route.get("series/([^/]+)/", series::detail)
            .extension("PATCH", new SeriesUpdate(db, series)::update),
        Route.get("events/", events::list),
        Route.get("events/stream/", stream::handle),
        Route.get("bundles/", bundles::list)
            .and("POST", bundles::create),
        Route.get("bundles/([^/]+)/", bundles::detail)
            .and("PUT", bundles::update)
            .and("PATCH", bundles::update)
            .and("DELETE", bundles::delete));
  }

  /** The site outside {@code /api/}: its pages, their stylesheet and the download views. */
  static List<Route> site(ApiDatabase db) {
    DownloadHandler downloads = new DownloadHandler(db);
    Templates templates = new Templates();
    BundlePages bundles = new BundlePages(db, templates);
    return List.of(
        Route.site("/", new ProjectIndexPage(db, templates)::handle),
        Route.site("/project/([^/]+)/list/", new PatchListPage(db, templates)::handle),
        // A bundle's owner sees private ones, known by the API's credentials until the web has sessions.
        Route.siteWithRestAuth("/bundle/([^/]+)/([^/]+)/", bundles::bundle),
        Route.siteWithRestAuth("/user/bundles/", bundles::mine),
        Route.site("/project/([^/]+)/bundles/", bundles::project),
        Route.siteWithRestAuth("/project/([^/]+)/pwclientrc/", new PwclientrcPage(db)::handle),
        asset(StaticAsset.stylesheet()),
        asset(StaticAsset.script()),
        Route.site("/project/([^/]+)/patch/(.+)/mbox/", downloads::patchMbox),
        Route.site("/project/([^/]+)/patch/(.+)/raw/", downloads::patchRaw),
        Route.site("/project/([^/]+)/cover/(.+)/mbox/", downloads::coverMbox),
        // After the downloads, whose paths these patterns match too.
        Route.site("/project/([^/]+)/patch/(.+)/", new PatchPage(db, templates)::handle),
        Route.site("/project/([^/]+)/cover/(.+)/", new CoverPage(db, templates)::handle),
        Route.site("/series/([^/]+)/mbox/", downloads::seriesMbox),
        Route.siteWithRestAuth("/bundle/([^/]+)/([^/]+)/mbox/", downloads::bundleMbox),
        Route.site("/patch/([^/]+)/mbox/", r -> downloads.redirect(r, SubmissionKind.PATCH, "mbox/")),
        Route.site("/patch/([^/]+)/raw/", r -> downloads.redirect(r, SubmissionKind.PATCH, "raw/")),
        Route.site("/patch/([^/]+)/", r -> downloads.redirect(r, SubmissionKind.PATCH, "")),
        Route.site("/cover/([^/]+)/mbox/", r -> downloads.redirect(r, SubmissionKind.COVER, "mbox/")),
        Route.site("/cover/([^/]+)/", r -> downloads.redirect(r, SubmissionKind.COVER, "")));
  }

  /** {@code GET /api/1.2/}: the resource links, in Patchwork's order. */
  private static ApiResponse index(ApiRequest request) {
    Map<String, String> links = new LinkedHashMap<>();
    for (String name : List.of("projects", "users", "people", "patches", "covers", "series", "events", "bundles")) {
      links.put(name, request.urls().api(name + "/"));
    }
    return ApiResponse.json(200, Json.write(links, request.urls()), Map.of("Allow", "GET, HEAD, OPTIONS"));
  }

  private static Route asset(StaticAsset asset) {
    return Route.site(java.util.regex.Pattern.quote(asset.path()), asset::handle);
  }

}
