package org.patchpipe.parser.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchpipe.parser.series.TestMails.mail;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.Placement.Kind;

/**
 * Deliberate difference from Patchwork (issue #2, R13 item 1): a reply that arrives before its
 * parent is kept aside and becomes a comment when the parent arrives. Reason: list archives and
 * IMAP folders deliver out of order (moderation queues, slow relays, replay of several sources), and
 * Patchwork loses such reviews forever, tags included. With {@code deferOrphanReplies = false} the
 * tracker drops them exactly as Patchwork does; the golden tests check both.
 */
class DeferredReplyTest {
  private static final long PROJECT = 1;
  private final InMemorySeriesState state = new InMemorySeriesState();

  @Test
  void replyArrivingBeforeItsPatchIsAttachedWhenThePatchArrives() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC());
    Placement early =
        tracker.place(PROJECT, 0, mail("<r@x>").reply().refs("<p@x>").tags(0, 1, 0).comment());
    assertEquals(Kind.OTHER, early.kind());
    assertTrue(early.awaitingParent());
    Placement nested = tracker.place(PROJECT, 1, mail("<rr@x>").reply().refs("<r@x>", "<p@x>").comment());
    assertTrue(nested.awaitingParent());

    Placement patch = tracker.place(PROJECT, 2, mail("<p@x>").name("p").tags(1, 0, 0).patch());

    assertEquals(Kind.PATCH, patch.kind());
    List<Placement> late = patch.lateComments();
    assertEquals(List.of(0L, 1L), late.stream().map(Placement::arrival).toList());
    for (Placement comment : late) {
      assertEquals(Kind.COMMENT, comment.kind());
      assertTrue(comment.late());
      assertEquals("<p@x>", comment.parent().msgid());
    }
    assertEquals(new Tags(1, 1, 0), state.patchTags(patch.patchId()), "late reviews count (R9.2)");
    assertTrue(state.pendingReplies().isEmpty());
  }

  @Test
  void replyToACommentThatArrivesLateFollowsItToThePatch() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC());
    tracker.place(PROJECT, 0, mail("<p@x>").name("p").patch());
    Placement grandchild = tracker.place(PROJECT, 1, mail("<rr@x>").reply().refs("<r@x>").comment());
    assertTrue(grandchild.awaitingParent(), "only its direct parent is named, and it is missing");
    Placement child = tracker.place(PROJECT, 2, mail("<r@x>").reply().refs("<p@x>").comment());
    assertEquals(Kind.COMMENT, child.kind());
    assertEquals(1, child.lateComments().size());
    assertEquals("<p@x>", child.lateComments().get(0).parent().msgid());
  }

  @Test
  void replyToAPatchWaitsForThePatchWhenItsCoverLetterArrivesFirst() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC());
    tracker.place(PROJECT, 0, mail("<r@x>").reply().refs("<p1@x>", "<c@x>").comment());
    Placement cover = tracker.place(PROJECT, 1, mail("<c@x>").marker("[0/2] c", 0, 2).cover());
    assertTrue(cover.lateComments().isEmpty(), "R7.4: a patch in the refs beats the cover");
    Placement patch =
        tracker.place(PROJECT, 2, mail("<p1@x>").marker("[1/2] a", 1, 2).refs("<c@x>").patch());
    assertEquals(1, patch.lateComments().size());
    assertEquals("<p1@x>", patch.lateComments().get(0).parent().msgid());
  }

  @Test
  void replyToACoverLetterIsAttachedWhenTheCoverArrives() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC());
    tracker.place(PROJECT, 0, mail("<r@x>").reply().refs("<c@x>").comment());
    Placement cover = tracker.place(PROJECT, 1, mail("<c@x>").marker("[0/2] c", 0, 2).cover());
    assertEquals(1, cover.lateComments().size());
    assertEquals("<c@x>", cover.lateComments().get(0).parent().msgid());
  }

  @Test
  void lateCommentDoesNotRenameAPersonSeenSince() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC());
    tracker.place(PROJECT, 0, mail("<r@x>").reply().refs("<c@x>").from("Old", "b@x.org").comment());
    tracker.place(PROJECT, 1, mail("<q@x>").name("q").from("New", "b@x.org").patch());
    Placement cover = tracker.place(PROJECT, 2, mail("<c@x>").marker("[0/1] c", 0, 1).cover());
    assertEquals(1, cover.lateComments().size());
    assertTrue(cover.lateComments().get(0).parent().cover());
    assertEquals("New", state.findPerson("b@x.org").orElseThrow().name());
  }

  @Test
  void patchworkModeDropsTheReplyForever() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC(), false);
    Placement early = tracker.place(PROJECT, 0, mail("<r@x>").reply().refs("<p@x>").comment());
    assertEquals(Kind.OTHER, early.kind());
    assertFalse(early.awaitingParent());
    Placement patch = tracker.place(PROJECT, 1, mail("<p@x>").name("p").patch());
    assertTrue(patch.lateComments().isEmpty());
    assertTrue(state.pendingReplies().isEmpty());
  }

  @Test
  void replyWithoutReferencesIsNeverKeptAside() {
    SeriesTracker tracker = new SeriesTracker(state, Clock.systemUTC());
    Placement lone = tracker.place(PROJECT, 0, mail("<r@x>").reply().comment());
    assertFalse(lone.awaitingParent());
    assertTrue(state.pendingReplies().isEmpty());
  }
}
