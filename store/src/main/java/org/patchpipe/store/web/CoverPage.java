package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.PercentCoding;
import org.patchpipe.store.db.CoverRepository;
import org.patchpipe.store.db.CoverRepository.CoverRow;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.PatchRepository.SeriesPatch;
import org.patchpipe.store.db.SubmissionKind;
import org.patchpipe.store.db.SubmissionRepository;

/**
 * {@code GET /project/<linkname>/cover/<msgid>/}: one cover letter, the page every cover's
 * {@code web_url} names, with its series' patches. An unknown project or Message-ID is 404.
 */
public final class CoverPage {
  private final ApiDatabase db;
  private final Templates templates;

  public CoverPage(ApiDatabase db, Templates templates) {
    this.db = db;
    this.templates = templates;
  }

  public ApiResponse handle(ApiRequest request) {
    CoverPageView view = db.read(c -> read(c, request.param(0), request.param(1)));
    return templates.page(request, 200, "cover.jte", view);
  }

  private static CoverPageView read(Connection c, String linkName, String pathMsgid) throws SQLException {
    long id = new SubmissionRepository(c).idByPathMsgid(SubmissionKind.COVER, linkName, pathMsgid)
        .orElseThrow(ApiException::notFound);
    CoverRow cover = new CoverRepository(c).find(id).orElseThrow(ApiException::notFound);
    String self = "/project/" + cover.project().linkName() + "/cover/" + PercentCoding.msgidPath(cover.msgid()) + "/";
    String msgid = PercentCoding.stripBrackets(cover.msgid());
    PageLink series = null;
    List<PageLink> patches = new ArrayList<>();
    List<String> commands = new ArrayList<>();
    if (cover.series() != null) {
      series = new PageLink(PatchLines.seriesName(cover.series().name(), cover.series().id()),
          PatchListView.listPath(cover.project().linkName()) + "?series=" + cover.series().id());
      for (SeriesPatch patch : new PatchRepository(c, Clock.systemUTC()).ofSeries(cover.series().id())) {
        patches.add(new PageLink(patch.name(), "/patch/" + patch.id() + "/"));
      }
      commands.add("git pw series apply " + cover.series().id());
    }
    commands.add("b4 am " + Replies.shellWord(msgid));
    return new CoverPageView(cover.id(), cover.name(), cover.project().name(), cover.project().linkName(),
        MailView.of(cover.id(), cover.submitter(), cover.date(), cover.headers(), cover.content(), null), series,
        patches, Replies.of(c, SubmissionKind.COVER, cover.id()), self + "mbox/",
        cover.series() == null ? "" : "/series/" + cover.series().id() + "/mbox/", commands);
  }
}
