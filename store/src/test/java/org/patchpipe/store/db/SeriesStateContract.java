package org.patchpipe.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.SeriesEvent;
import org.patchpipe.parser.series.SeriesState;
import org.patchpipe.parser.series.SeriesTracker;

/**
 * The series-state contract: the same R7 and R11 scenarios, through a real {@link SeriesTracker},
 * against every way the working set is run. Each scenario calls {@link #restart()} in the middle
 * of a series; a variant backed by PostgreSQL then writes what it holds, throws its memory away
 * and carries on from a state loaded from the database, as a restarted store does.
 */
abstract class SeriesStateContract {
  static final LocalDateTime T0 = LocalDateTime.of(2024, 3, 1, 10, 0);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private SeriesTracker tracker;
  private long arrival;

  /** The state scenarios run on now. */
  abstract SeriesState state();

  /** The project scenarios place mail in. */
  abstract long project();

  /** Ends the state's life in the middle of a scenario and starts the one that carries on. */
  abstract void restart();

  private Placement place(ParsedMail mail) {
    if (tracker == null) {
      tracker = new SeriesTracker(state(), CLOCK);
    }
    return tracker.place(project(), arrival++, mail);
  }

  private void restartTracker() {
    restart();
    tracker = null;
  }

  @Test
  void seriesArrivingOutOfOrderAcrossARestartIsCompleted() {
    Placement p3 = place(patch("<p3@x>", "[PATCH 3/3] thing three", 3, 3, T0.plusSeconds(3), "<c0@x>"));
    Placement p2 = place(patch("<p2@x>", "[PATCH 2/3] thing two", 2, 3, T0.plusSeconds(2), "<c0@x>"));
    restartTracker();
    Placement p1 = place(patch("<p1@x>", "[PATCH 1/3] thing one", 1, 3, T0.plusSeconds(1), "<c0@x>"));
    Placement cover = place(cover("<c0@x>", "[PATCH 0/3] the thing", 3, T0));

    long series = p3.series().id();
    assertEquals(series, p2.series().id());
    assertEquals(series, p1.series().id(), "R11.3: found by reference after the restart");
    assertEquals(series, cover.series().id(), "R11.6: the cover's msgid was referenced by the patches");
    assertEquals("<c0@x>", cover.series().key());
    assertEquals("the thing", cover.series().name(), "R11.4: the cover's name replaces the first patch's");
    assertEquals(List.of(
        new SeriesEvent(SeriesEvent.Category.PATCH_CREATED, p1.patchId()),
        new SeriesEvent(SeriesEvent.Category.SERIES_COMPLETED, series),
        new SeriesEvent(SeriesEvent.Category.PATCH_COMPLETED, p1.patchId()),
        new SeriesEvent(SeriesEvent.Category.PATCH_COMPLETED, p2.patchId()),
        new SeriesEvent(SeriesEvent.Category.PATCH_COMPLETED, p3.patchId())), p1.events(),
        "R11.10: patch 1 completes the run that arrived before it");
    assertEquals(List.of(1, 2, 3), state().patchNumbers(series));
  }

  @Test
  void replyArrivingBeforeItsPatchIsKeptWhenThePatchArrivesAfterARestart() {
    Placement reply = place(comment("<r1@x>", T0.plusHours(1), "<p1@x>"));
    assertTrue(reply.awaitingParent(), "improvement on R7.4: kept aside, not dropped");
    restartTracker();
    Placement patch = place(patch("<p1@x>", "[PATCH] single", null, null, T0, null));
    assertEquals(1, patch.lateComments().size());
    Placement late = patch.lateComments().get(0);
    assertEquals(Placement.Kind.COMMENT, late.kind());
    assertEquals(patch.patchId(), late.parent().id());
    assertEquals(new Tags(1, 1, 0), state().addPatchTags(patch.patchId(), Tags.NONE), "R9.2: the patch's and the reply's tags");
  }

  @Test
  void aRepeatedNumberStartsANewSeriesAndARepeatedMsgidIsADuplicate() {
    Placement first = place(patch("<a1@x>", "[PATCH 1/2] a", 1, 2, T0, null));
    restartTracker();
    Placement again = place(patch("<b1@x>", "[PATCH 1/2] a", 1, 2, T0.plusMinutes(1), null));
    Placement second = place(patch("<a2@x>", "[PATCH 2/2] a", 2, 2, T0.plusMinutes(2), null));
    Placement duplicate = place(patch("<a1@x>", "[PATCH 1/2] a", 1, 2, T0, null));

    assertNotEquals(first.series().id(), again.series().id(), "R11.3 step 4: number 1 is taken");
    // R11.3 step 3: of two candidates, newest first, the one without a patch 2.
    assertEquals(again.series().id(), second.series().id());
    assertEquals(Placement.Kind.ERROR, duplicate.kind());
    assertEquals("duplicate", duplicate.error(), "R1.5");
  }

  @Test
  void theMarkerWindowIsTwentyMinutesInclusive() {
    Placement one = place(patch("<w1@x>", "[PATCH 1/2] w", 1, 2, T0, null));
    restartTracker();
    Placement inside = place(patch("<w2@x>", "[PATCH 2/2] w", 2, 2, T0.plusMinutes(20), null));
    Placement v1 = place(patch("<v1@x>", "[PATCH 1/2] v", 1, 2, T0.plusHours(2), null));
    Placement outside = place(patch("<v2@x>", "[PATCH 2/2] v", 2, 2, T0.plusHours(2).plusMinutes(20).plusSeconds(1), null));

    assertEquals(one.series().id(), inside.series().id(), "R11.3 step 3: 20 minutes is inside");
    assertNotEquals(v1.series().id(), outside.series().id(), "R11.3 step 3: a second more is outside");
  }

  @Test
  void aReplyToACommentGoesToTheLatestThenTheFirstWrittenCopy() {
    long a = place(patch("<pa@x>", "[PATCH] a", null, null, T0, null)).patchId();
    long b = place(patch("<pb@x>", "[PATCH] b", null, null, T0, null)).patchId();
    long c = place(patch("<pc@x>", "[PATCH] c", null, null, T0, null)).patchId();
    // The same comment kept on two patches with the same date (R1.5 is per parent).
    assertEquals(a, place(comment("<m@x>", T0.plusHours(1), "<pa@x>")).parent().id());
    restartTracker();
    assertEquals(b, place(comment("<m@x>", T0.plusHours(1), "<pb@x>")).parent().id());
    assertEquals(a, place(comment("<r1@x>", T0.plusHours(2), "<m@x>")).parent().id(),
        "R7.4: equal dates, the first written wins, across the restart");
    // A later-dated copy wins over both.
    assertEquals(c, place(comment("<m@x>", T0.plusHours(3), "<pc@x>")).parent().id());
    restartTracker();
    assertEquals(c, place(comment("<r2@x>", T0.plusHours(4), "<m@x>")).parent().id(), "R7.4: the latest date");
  }

  private static Envelope envelope(String msgid, Subject subject, LocalDateTime date, String ref) {
    return new Envelope(msgid, ref == null ? List.of() : List.of(ref), date,
        new Submitter("Alice", "alice@example.org"), null, "Message-ID: " + msgid, subject);
  }

  static ParsedMail.Patch patch(String msgid, String name, Integer number, Integer total, LocalDateTime date,
      String ref) {
    Subject subject = new Subject(name.replaceFirst("^\\[[^]]*\\] ", ""), List.of("PATCH"), false, number, total, 1);
    return new ParsedMail.Patch(envelope(msgid, subject, date, ref), "message\n\nAcked-by: X <x@y.org>",
        "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", "0123456789abcdef0123456789abcdef01234567", null,
        new Tags(1, 0, 0), null, null);
  }

  static ParsedMail.CoverLetter cover(String msgid, String name, int total, LocalDateTime date) {
    Subject subject = new Subject(name, List.of("PATCH"), false, 0, total, 1);
    return new ParsedMail.CoverLetter(envelope(msgid, subject, date, null), "cover text");
  }

  static ParsedMail.Comment comment(String msgid, LocalDateTime date, String ref) {
    return new ParsedMail.Comment(envelope(msgid, new Subject("Re: x", List.of(), true, null, null, 1), date, ref),
        "Reviewed-by: R <r@y.org>", new Tags(0, 1, 0), false);
  }
}
