package org.patchpipe.store.api.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.store.api.ApiDatabase;
import org.patchpipe.store.api.ApiRequest;
import org.patchpipe.store.api.ApiResponse;
import org.patchpipe.store.api.Dates;
import org.patchpipe.store.api.Listing;
import org.patchpipe.store.api.Urls;
import org.patchpipe.store.api.comment.CommentHandler;
import org.patchpipe.store.api.comment.EmbeddedComment;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSeries;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;
import org.patchpipe.store.db.EventRepository.EventRow;
import org.patchpipe.store.db.EventRepository;

/**
 * {@code /events/}: Patchwork's {@code EventList}. Fixed page size (no {@code per_page}), newest
 * first; filters project, category, series, patch, cover, actor, since, before. The comment
 * categories arrived with API 1.3 (the comment detail their payload links to did too), so a
 * client of an older version never sees them, as Patchwork excludes them there.
 */
public final class EventHandler {
  private static final List<String> CATEGORIES = List.of(
      "cover-created", "patch-created", "patch-completed", "patch-state-changed", "patch-delegated",
      "patch-relation-changed", "check-created", "series-created", "series-completed");
  private static final List<String> COMMENT_CATEGORIES = List.of("cover-comment-created", "patch-comment-created");
  /** The first 1.x minor version serving {@link #COMMENT_CATEGORIES}. */
  private static final int COMMENTS_SINCE = 3;

  private final ApiDatabase db;

  public EventHandler(ApiDatabase db) {
    this.db = db;
  }

  public ApiResponse list(ApiRequest request) {
    var q = request.query();
    EventRepository.EventFilter filter = filter(q);
    return Listing.respond(request, db, true,
        connection -> new EventRepository(connection).list(served(request.urls()), filter, q.get("order")),
        (connection, rows) -> rows.stream().map(row -> json(row, request.urls())).toList());
  }

  /** The list's filters, which the event stream reads too. */
  static EventRepository.EventFilter filter(org.patchpipe.store.api.QueryString q) {
    return new EventRepository.EventFilter(q.all("project"), q.all("series"),
        q.all("patch"), q.all("cover"), q.all("actor"), q.get("category"), q.get("since"), q.get("before"));
  }

  /** The categories a client of this version is served. */
  static List<String> served(Urls urls) {
    if (urls.minorVersion() < COMMENTS_SINCE) {
      return CATEGORIES;
    }
    List<String> all = new java.util.ArrayList<>(CATEGORIES);
    all.addAll(COMMENT_CATEGORIES);
    return all;
  }

  /**
   * One event's JSON exactly as {@code /events/} lists it under {@code urls}' version, for those
   * who push events out (webhooks, streams).
   */
  public static byte[] render(EventRow row, Urls urls) {
    return org.patchpipe.store.api.Json.write(json(row, urls), urls);
  }

  private static EventJson json(EventRow row, Urls urls) {
    String category = row.category();
    EmbeddedProject project = EmbeddedProject.of(row.project(), urls);
    String link = project.linkName();
    String format = project.listArchiveUrlFormat();
    Map<String, Object> payload = new LinkedHashMap<>();
    switch (category) {
      case "cover-created":
        payload.put("cover", cover(row, link, format, urls));
        break;
      case "patch-created":
        payload.put("patch", patch(row, link, format, urls));
        break;
      case "patch-completed":
        payload.put("patch", patch(row, link, format, urls));
        payload.put("series", EmbeddedSeries.of(row.series(), link, urls));
        break;
      case "patch-state-changed":
        payload.put("patch", patch(row, link, format, urls));
        payload.put("previous_state", row.previousState());
        payload.put("current_state", row.currentState());
        break;
      case "patch-delegated":
        payload.put("patch", patch(row, link, format, urls));
        payload.put("previous_delegate", EmbeddedUser.of(row.previousDelegate(), urls));
        payload.put("current_delegate", EmbeddedUser.of(row.currentDelegate(), urls));
        break;
      case "patch-relation-changed":
        // Patchwork's serializer always answers null for both relations.
        payload.put("patch", patch(row, link, format, urls));
        payload.put("previous_relation", null);
        payload.put("current_relation", null);
        break;
      case "check-created":
        payload.put("patch", patch(row, link, format, urls));
        payload.put("check", check(row.check(), urls));
        break;
      case "cover-comment-created":
        payload.put("cover", cover(row, link, format, urls));
        payload.put("comment", EmbeddedComment.of(row.comment(), CommentHandler.Parent.COVER, format, urls));
        break;
      case "patch-comment-created":
        payload.put("patch", patch(row, link, format, urls));
        payload.put("comment", EmbeddedComment.of(row.comment(), CommentHandler.Parent.PATCH, format, urls));
        break;
      default:
        payload.put("series", EmbeddedSeries.of(row.series(), link, urls));
        break;
    }
    return new EventJson(
        row.id(),
        category,
        project,
        Dates.iso(row.date()),
        EmbeddedUser.of(row.actor(), urls),
        payload);
  }

  private static EmbeddedSubmission patch(EventRow row, String link, String format, Urls urls) {
    return EmbeddedSubmission.of(row.patch(), EmbeddedSubmission.Kind.PATCH, link, format, urls);
  }

  private static EmbeddedSubmission cover(EventRow row, String link, String format, Urls urls) {
    return EmbeddedSubmission.of(row.cover(), EmbeddedSubmission.Kind.COVER, link, format, urls);
  }

  private static Map<String, Object> check(EventRepository.EventCheck row, Urls urls) {
    if (row == null) {
      return null;
    }
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("id", row.id());
    check.put("url", urls.api("patches/" + row.patchId() + "/checks/" + row.id() + "/"));
    check.put("date", Dates.iso(row.date()));
    check.put("state", org.patchpipe.store.api.check.CheckState.ofCode(row.state()).label());
    check.put("target_url", row.targetUrl());
    check.put("context", row.context());
    return check;
  }
}
