package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.Placement.Kind;
import org.patchpipe.parser.series.Placement.Parent;
import org.patchpipe.parser.series.SeriesEvent.Category;
import org.patchpipe.parser.series.SeriesState.PendingReply;
import org.patchpipe.parser.series.SeriesState.StoredCover;
import org.patchpipe.parser.series.SeriesState.StoredPatch;

/**
 * Finds the patch or cover letter a comment belongs to (R7.4), keeps it (R1.5, R3.2, R9.2, R10.4)
 * and, as patchpipe's improvement, holds a reply whose parent has not arrived until it does. Part
 * of {@link SeriesTracker}; mutable through its state, one per tracker.
 */
final class CommentParents {
  private final SeriesTracker tracker;
  private final SeriesState state;
  private final boolean deferOrphanReplies;

  CommentParents(SeriesTracker tracker, SeriesState state, boolean deferOrphanReplies) {
    this.tracker = tracker;
    this.state = state;
    this.deferOrphanReplies = deferOrphanReplies;
  }

  /** Places a mail that is not a patch or cover letter: a comment, or dropped (R7.4). */
  Placement place(long projectId, long arrival, ParsedMail mail, Envelope envelope) {
    List<String> refs = SeriesTracker.references(envelope);
    Optional<Parent> parent = findParent(projectId, refs);
    if (parent.isEmpty()) {
      // Only a reply that names a parent and would be keepable can ever be adopted.
      if (deferOrphanReplies && !refs.isEmpty() && envelope.submitter() != null) {
        state.addPendingReply(projectId, refs, mail, tracker.dateOf(envelope), arrival);
        return Placement.other(arrival, mail, true);
      }
      return Placement.other(arrival, mail, false);
    }
    Placement placement = keep(arrival, mail, envelope, parent.get(), tracker.dateOf(envelope), false);
    if (placement.kind() != Kind.COMMENT) {
      return placement;
    }
    return placement.withLateComments(adopt(projectId, mail.msgid()));
  }

  /**
   * Keeps, as comments, the pending replies that the mail just kept as {@code msgid} makes
   * reachable, and those that the adopted replies make reachable in turn, in that order.
   */
  List<Placement> adopt(long projectId, String msgid) {
    if (!deferOrphanReplies) {
      return List.of();
    }
    List<Placement> adopted = new ArrayList<>();
    Deque<String> kept = new ArrayDeque<>();
    kept.add(msgid);
    while (!kept.isEmpty()) {
      String arrived = kept.poll();
      for (PendingReply reply : state.takePendingReplies(projectId, arrived)) {
        Optional<Parent> parent = findParent(projectId, reply.references());
        // R7.4 prefers any patch in the refs to a cover letter: a reply to patch 1/2 whose cover
        // letter arrives first waits for the patch, unless the cover is what it answers directly.
        boolean waitForPatch =
            parent.isPresent() && parent.get().cover() && !reply.references().get(0).equals(arrived);
        if (parent.isEmpty() || waitForPatch) {
          state.addPendingReply(projectId, reply.references(), reply.mail(), reply.date(), reply.arrival());
          continue;
        }
        Envelope envelope = ((ParsedMail.Kept) reply.mail()).envelope();
        LocalDateTime date = envelope.date() != null ? envelope.date() : reply.date();
        Placement placement = keep(reply.arrival(), reply.mail(), envelope, parent.get(), date, true);
        adopted.add(placement);
        if (placement.kind() == Kind.COMMENT) {
          kept.add(reply.mail().msgid());
        }
      }
    }
    return adopted;
  }

  /** R7.4 steps 1 and 2: patches (and their comments) over all refs, then covers. */
  private Optional<Parent> findParent(long projectId, List<String> refs) {
    for (String ref : refs) {
      Optional<StoredPatch> patch = state.findPatch(projectId, ref);
      if (patch.isEmpty()) {
        patch = state.findPatchOfComment(projectId, ref);
      }
      if (patch.isPresent()) {
        return Optional.of(new Parent(patch.get().msgid(), false, patch.get().id()));
      }
    }
    for (String ref : refs) {
      Optional<StoredCover> cover = state.findCover(projectId, ref);
      if (cover.isEmpty()) {
        cover = state.findCoverOfComment(projectId, ref);
      }
      if (cover.isPresent()) {
        return Optional.of(new Parent(cover.get().msgid(), true, cover.get().id()));
      }
    }
    return Optional.empty();
  }

  private Placement keep(
      long arrival, ParsedMail mail, Envelope envelope, Parent parent, LocalDateTime date, boolean late) {
    if (envelope.submitter() == null) {
      return Placement.error(arrival, mail, envelope.submitterError()); // R3.1 once a parent exists
    }
    boolean duplicate =
        parent.cover()
            ? state.hasCoverComment(parent.id(), mail.msgid())
            : state.hasPatchComment(parent.id(), mail.msgid());
    if (duplicate) {
      return Placement.error(arrival, mail, "duplicate");
    }
    long submitterId = tracker.person(envelope.submitter(), !late);
    Tags tags = null;
    Boolean addressed = null;
    SeriesEvent event;
    if (parent.cover()) {
      state.addCoverComment(parent.id(), mail, submitterId, date);
      event = new SeriesEvent(Category.COVER_COMMENT_CREATED, parent.id());
    } else {
      state.addPatchComment(parent.id(), mail, submitterId, date);
      tags = state.addPatchTags(parent.id(), tagsOf(mail));
      addressed = actionRequired(mail) ? Boolean.FALSE : null;
      event = new SeriesEvent(Category.PATCH_COMMENT_CREATED, parent.id());
    }
    return new Placement(arrival, Kind.COMMENT, mail, date, submitterId, null, null, null, null,
        parent, addressed, tags, late, false, List.of(event), List.of(), null);
  }

  private static boolean actionRequired(ParsedMail mail) {
    return mail instanceof ParsedMail.Comment comment && comment.actionRequired();
  }

  /** R9.2: a comment's tags; a cover letter that fell through to a comment is counted here. */
  private static Tags tagsOf(ParsedMail mail) {
    if (mail instanceof ParsedMail.Comment comment) {
      return comment.tags();
    }
    return mail instanceof ParsedMail.CoverLetter cover ? Tags.count(cover.content()) : Tags.NONE;
  }
}
