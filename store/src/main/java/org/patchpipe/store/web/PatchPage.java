package org.patchpipe.store.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiException;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.PercentCoding;
import org.patchpipe.store.db.CheckRepository;
import org.patchpipe.store.db.CheckRepository.CheckRow;
import org.patchpipe.store.db.InProject;
import org.patchpipe.store.db.ListQuery;
import org.patchpipe.store.db.PatchQueries;
import org.patchpipe.store.db.PatchQueries.PatchRow;
import org.patchpipe.store.db.PatchRepository;
import org.patchpipe.store.db.PatchRepository.SeriesPatch;
import org.patchpipe.store.db.StateRepository;
import org.patchpipe.store.db.SubmissionKind;
import org.patchpipe.store.db.SubmissionRepository;
import org.patchpipe.store.db.SubmissionRow;

/**
 * {@code GET /project/<linkname>/patch/<msgid>/}: one patch, the page every patch's
 * {@code web_url} names. With {@code ?interdiff=ID}, where ID is another revision of the patch
 * (the API's {@code related}), the page also shows the interdiff between the two. An unknown
 * project or Message-ID is 404.
 */
public final class PatchPage {
  /** The checks read for one page; the page shows the newest of each (user, context). */
  private static final int MAX_CHECKS = 1000;

  private final ApiDatabase db;
  private final Templates templates;

  public PatchPage(ApiDatabase db, Templates templates) {
    this.db = db;
    this.templates = templates;
  }

  public ApiResponse handle(ApiRequest request) {
    String interdiff = request.query().first("interdiff");
    PatchPageView view = db.read(c -> read(c, request.param(0), request.param(1), interdiff));
    return templates.page(request, 200, "patch.jte", view);
  }

  private static PatchPageView read(Connection c, String linkName, String pathMsgid, String interdiffWith)
      throws SQLException {
    long id = new SubmissionRepository(c).idByPathMsgid(SubmissionKind.PATCH, linkName, pathMsgid)
        .orElseThrow(ApiException::notFound);
    PatchRow p = new PatchQueries(c).find(id).orElseThrow(ApiException::notFound);
    String self = href(p.project().linkName(), p.msgid());
    String state = new StateRepository(c).all().stream().filter(s -> s.slug().equals(p.state()))
        .map(StateRepository.State::name).findFirst().orElse(p.state());
    String msgid = PercentCoding.stripBrackets(p.msgid());

    PageLink series = null;
    PageLink previous = null;
    PageLink next = null;
    List<String> commands = new ArrayList<>();
    commands.add("git pw patch apply " + p.id());
    if (p.series() != null) {
      series = new PageLink(PatchLines.seriesName(p.series().name(), p.series().id()),
          PatchListView.listPath(p.project().linkName()) + "?series=" + p.series().id());
      List<SeriesPatch> members = new PatchRepository(c, Clock.systemUTC()).ofSeries(p.series().id());
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).id() == p.id()) {
          previous = i > 0 ? neighbour(members.get(i - 1)) : null;
          next = i + 1 < members.size() ? neighbour(members.get(i + 1)) : null;
        }
      }
      commands.add("git pw series apply " + p.series().id());
    }
    commands.add("b4 am " + Replies.shellWord(msgid));
    commands.add("b4 shazam " + Replies.shellWord(msgid));

    List<InProject<SubmissionRow>> others = others(c, p);
    List<PatchPageView.Revision> revisions = new ArrayList<>();
    InProject<SubmissionRow> against = null;
    for (InProject<SubmissionRow> other : others) {
      revisions.add(new PatchPageView.Revision(link(other), self + "?interdiff=" + other.row().id()));
      if (interdiffWith != null && interdiffWith.equals(Long.toString(other.row().id()))) {
        against = other;
      }
    }
    return new PatchPageView(p.id(), p.name(), p.project().name(), p.project().linkName(), state,
        p.delegate() == null ? "" : p.delegate().username(), p.archived(), nullToEmpty(p.commitRef()),
        nullToEmpty(p.pullUrl()), nullToEmpty(p.hash()),
        MailView.of(p.id(), p.submitter(), p.date(), p.headers(), p.content(), null), DiffSections.of(p.diff()),
        Replies.of(c, SubmissionKind.PATCH, p.id()), checks(c, p.id()),
        new PatchPageView.Downloads(self + "mbox/", self + "raw/",
            p.series() == null ? "" : self + "mbox/?series=*",
            p.series() == null ? "" : "/series/" + p.series().id() + "/mbox/"),
        commands, series, previous, next, revisions, against == null ? null : interdiff(c, p, against));
  }

  /** The patch's other revisions, oldest first. */
  private static List<InProject<SubmissionRow>> others(Connection c, PatchRow p) throws SQLException {
    if (p.relatedId() == null) {
      return List.of();
    }
    List<InProject<SubmissionRow>> others = new ArrayList<>();
    for (InProject<SubmissionRow> member : new PatchQueries(c).relationMembers(List.of(p.relatedId()))
        .getOrDefault(p.relatedId(), List.of())) {
      if (member.row().id() != p.id()) {
        others.add(member);
      }
    }
    others.sort((a, b) -> a.row().date().compareTo(b.row().date()));
    return others;
  }

  private static PatchPageView.InterdiffView interdiff(Connection c, PatchRow p, InProject<SubmissionRow> other)
      throws SQLException {
    PatchRow o = new PatchQueries(c).find(other.row().id()).orElseThrow(ApiException::notFound);
    PageLink against = link(other);
    if (!Interdiff.computable(o.diff(), p.diff())) {
      return new PatchPageView.InterdiffView(against, List.of(),
          "These diffs are too large to compare here (over " + Interdiff.MAX_LINES + " lines).");
    }
    boolean otherIsOlder = !o.date().isAfter(p.date());
    String text = otherIsOlder
        ? Interdiff.between("revision of " + o.date().toLocalDate(), o.diff(), "this revision", p.diff())
        : Interdiff.between("this revision", p.diff(), "revision of " + o.date().toLocalDate(), o.diff());
    return new PatchPageView.InterdiffView(against, DiffSections.of(text),
        text.isEmpty() ? "The two revisions carry the same diff." : "");
  }

  /** The newest check of each (user, context), as Patchwork's {@code Patch.checks}, by context. */
  private static List<CheckLine> checks(Connection c, long patchId) throws SQLException {
    ListQuery.Page<CheckRow> page = new CheckRepository(c, Clock.systemUTC())
        .list(patchId, new CheckRepository.CheckFilter(List.of(), null, null, null, null), "-date")
        .page(c, count -> new ListQuery.PageChoice.Window(MAX_CHECKS, 0));
    Map<String, CheckRow> newest = new LinkedHashMap<>();
    for (CheckRow row : page.rows()) {
      newest.putIfAbsent(row.user().id() + "\u0000" + row.context(), row);
    }
    return newest.values().stream()
        .sorted((a, b) -> String.valueOf(a.context()).compareTo(String.valueOf(b.context())))
        .map(CheckLine::of).toList();
  }

  private static PageLink neighbour(SeriesPatch patch) {
    // The id's URL redirects to the msgid's; the series' rows carry no msgid.
    return new PageLink(patch.name(), "/patch/" + patch.id() + "/");
  }

  private static PageLink link(InProject<SubmissionRow> other) {
    return new PageLink(other.row().name(), href(other.linkName(), other.row().msgid()));
  }

  static String href(String linkName, String msgid) {
    return "/project/" + linkName + "/patch/" + PercentCoding.msgidPath(msgid) + "/";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
