package org.patchpipe.parser.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patchpipe.parser.series.TestMails.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.Placement.Kind;
import org.patchpipe.parser.series.SeriesEvent.Category;

/** Series grouping (R11), cover letters (R7.3), duplicates (R1.5) and persons (R3.2). */
class SeriesTrackerTest {
  private static final long PROJECT = 1;
  private final InMemorySeriesState state = new InMemorySeriesState();
  private final Clock clock =
      Clock.fixed(Instant.parse("2030-05-01T00:00:00.123456789Z"), ZoneId.of("Australia/Canberra"));
  private final SeriesTracker tracker = new SeriesTracker(state, clock);
  private long arrival;

  private Placement place(ParsedMail mail) {
    return tracker.place(PROJECT, arrival++, mail);
  }

  private long seriesOf(Placement p) {
    return p.series().id();
  }

  @Test
  void r11_8_coverLetterThenShallowThreadedPatchesFormOneSeries() {
    Placement cover = place(mail("<c@x>").marker("[0/2] Fixes", 0, 2).cover());
    Placement p1 = place(mail("<1@x>").marker("[1/2] one", 1, 2).refs("<c@x>").patch());
    Placement p2 = place(mail("<2@x>").marker("[2/2] two", 2, 2).refs("<c@x>").patch());

    assertEquals(Kind.COVER, cover.kind());
    assertEquals(seriesOf(cover), seriesOf(p1));
    assertEquals(seriesOf(cover), seriesOf(p2));
    assertEquals("<c@x>", tracker.currentKey(seriesOf(p2)));
    assertEquals("Fixes", state.series(seriesOf(p2)).name());
    assertEquals(List.of(1, 2), state.patchNumbers(seriesOf(p2)));
    assertTrue(p2.events().contains(new SeriesEvent(Category.SERIES_COMPLETED, seriesOf(p2))));
    assertFalse(p1.events().contains(new SeriesEvent(Category.SERIES_COMPLETED, seriesOf(p1))));
  }

  @Test
  void r11_8_deepThreadingIsFoundThroughTheReferencesChain() {
    Placement p1 = place(mail("<1@x>").marker("[1/3] a", 1, 3).patch());
    Placement p2 = place(mail("<2@x>").marker("[2/3] b", 2, 3).refs("<1@x>").patch());
    Placement p3 = place(mail("<3@x>").marker("[3/3] c", 3, 3).refs("<2@x>", "<1@x>").patch());
    assertEquals(seriesOf(p1), seriesOf(p2));
    assertEquals(seriesOf(p1), seriesOf(p3));
    assertEquals("[1/3] a", state.series(seriesOf(p1)).name());
  }

  @Test
  void r11_8_outOfOrderArrivalJoinsThroughReferencesRecordedByTheFirstPatch() {
    Placement p2 = place(mail("<2@x>").marker("[2/2] b", 2, 2).refs("<c@x>").patch());
    assertNull(state.series(seriesOf(p2)).name(), "a series started by 2/2 has no name yet (R11.4)");
    assertEquals("<2@x>", p2.series().key());
    Placement p1 = place(mail("<1@x>").marker("[1/2] a", 1, 2).refs("<c@x>").patch());
    assertEquals("<1@x>", tracker.currentKey(seriesOf(p1)), "key moves to the lowest number");
    Placement cover = place(mail("<c@x>").marker("[0/2] All", 0, 2).cover());

    assertEquals(seriesOf(p2), seriesOf(p1));
    assertEquals(seriesOf(p2), seriesOf(cover));
    assertEquals("<c@x>", tracker.currentKey(seriesOf(p1)), "key moves to the cover");
    assertEquals("All", state.series(seriesOf(p1)).name(), "cover name replaces patch 1's (R11.4)");
    assertEquals(1, state.allSeries().size());
  }

  @Test
  void r11_3_markerFallbackJoinsWithinTwentyMinutesOfTheSeriesFirstMail() {
    Placement p1 = place(mail("<1@x>").marker("[1/3] a", 1, 3).minutes(0).patch());
    Placement p2 = place(mail("<2@x>").marker("[2/3] b", 2, 3).minutes(20).patch());
    Placement p3 = place(mail("<3@x>").marker("[3/3] c", 3, 3).minutes(21).patch());
    assertEquals(seriesOf(p1), seriesOf(p2), "inclusive window");
    assertNotEquals(seriesOf(p1), seriesOf(p3), "measured from the series' first mail");
  }

  @Test
  void r11_3_markerFallbackNeedsSameSubmitterVersionAndTotal() {
    Placement p1 = place(mail("<1@x>").marker("[1/2] a", 1, 2).patch());
    Placement other = place(mail("<2@x>").marker("[2/2] b", 2, 2).from("Bob", "bob@x.org").patch());
    Placement v2 = place(mail("<3@x>").marker("[v2,2/2] b", 2, 2).version(2).patch());
    Placement total3 = place(mail("<4@x>").marker("[2/3] b", 2, 3).patch());
    Placement same = place(mail("<5@x>").marker("[2/2] b", 2, 2).from("A", "ALICE@example.com").patch());
    assertNotEquals(seriesOf(p1), seriesOf(other));
    assertNotEquals(seriesOf(p1), seriesOf(v2));
    assertNotEquals(seriesOf(p1), seriesOf(total3));
    assertEquals(seriesOf(p1), seriesOf(same), "persons match by email ignoring case");
  }

  @Test
  void r11_3_severalMarkerCandidatesTakeTheNewestWithoutThatNumber() {
    Placement a = place(mail("<a1@x>").marker("[1/2] a", 1, 2).minutes(0).patch());
    Placement b = place(mail("<b1@x>").marker("[1/2] b", 1, 2).minutes(5).patch());
    assertNotEquals(seriesOf(a), seriesOf(b), "number 1 taken: a new series");
    Placement b2 = place(mail("<b2@x>").marker("[2/2] b", 2, 2).minutes(6).patch());
    assertEquals(seriesOf(b), seriesOf(b2), "newest candidate first");
    Placement a2 = place(mail("<a2@x>").marker("[2/2] a", 2, 2).minutes(7).patch());
    assertEquals(seriesOf(a), seriesOf(a2), "the newest already has 2; the older one has not");
  }

  @Test
  void r11_8_spammingTheSameNumberStartsNewSeries() {
    Placement p1 = place(mail("<1@x>").marker("[v2,1/4] x", 1, 4).version(2).patch());
    Placement p2 = place(mail("<2@x>").marker("[v2,1/4] x", 1, 4).version(2).patch());
    Placement p3 = place(mail("<3@x>").marker("[v2,1/4] x", 1, 4).version(2).patch());
    assertEquals(3, List.of(seriesOf(p1), seriesOf(p2), seriesOf(p3)).stream().distinct().count());
  }

  @Test
  void r11_3_referenceHitIgnoresVersionButNumberClashStartsANewSeries() {
    Placement cover = place(mail("<c@x>").marker("[v3,0/4] x", 0, 4).version(3).cover());
    Placement p1 = place(mail("<1@x>").marker("[1/4] a", 1, 4).refs("<c@x>").patch());
    assertEquals(seriesOf(cover), seriesOf(p1));
    assertEquals(3, p1.series().version(), "version is the series', set at creation");

    Placement v2 = place(mail("<v2@x>").marker("[v2,1/4] a", 1, 4).version(2).refs("<1@x>", "<c@x>").patch());
    assertNotEquals(seriesOf(p1), seriesOf(v2));
    assertEquals(2, v2.series().version());
  }

  @Test
  void r11_3_unnumberedPatchGetsItsOwnSeriesOfOne() {
    Placement p = place(mail("<1@x>").name("x").patch());
    Placement q = place(mail("<2@x>").name("x").refs("<1@x>").patch());
    assertEquals(1, p.number());
    assertEquals(1, p.series().total());
    assertNotEquals(seriesOf(p), seriesOf(q));
  }

  @Test
  void r11_3_zeroNumberedPatchIsKeptWithoutSeriesButItsSeriesStays() {
    Placement p = place(mail("<0@x>").marker("[0/2] pull", 0, 2).patch());
    assertEquals(Kind.PATCH, p.kind());
    assertNull(p.series());
    assertNull(p.number());
    assertEquals(1, state.allSeries().size(), "an empty series is left behind (R13 item 15)");
    assertTrue(p.events().stream().anyMatch(e -> e.category() == Category.SERIES_CREATED));
  }

  @Test
  void r11_2_joiningPatchRecordsNoReferences() {
    place(mail("<1@x>").marker("[1/2] a", 1, 2).refs("<other@x>").patch());
    place(mail("<2@x>").marker("[2/2] b", 2, 2).refs("<1@x>", "<late-ref@x>").patch());
    assertTrue(state.findSeriesByReference(PROJECT, "<other@x>").isPresent());
    assertTrue(state.findSeriesByReference(PROJECT, "<late-ref@x>").isEmpty());
    assertTrue(state.findSeriesByReference(PROJECT, "<2@x>").isEmpty());
  }

  @Test
  void r11_7_secondCoverOfASeriesIsKeptOutsideIt() {
    // The series' first patch records both msgids as references (R11.2).
    place(mail("<1@x>").marker("[1/2] a", 1, 2).refs("<c@x>", "<c2@x>").patch());
    Placement first = place(mail("<c@x>").marker("[0/2] A", 0, 2).cover());
    assertEquals(Kind.COVER, first.kind());
    Placement second = place(mail("<c2@x>").marker("[0/2] B", 0, 2).cover());
    assertEquals(Kind.COVER, second.kind());
    assertNull(second.series());
    assertEquals("<c@x>", tracker.currentKey(seriesOf(first)));
  }

  @Test
  void r11_4_userOrCoverNameIsNotReplacedByALaterPatchOne() {
    Placement cover = place(mail("<c@x>").marker("[0/2] Cover name", 0, 2).cover());
    place(mail("<1@x>").marker("[1/2] a", 1, 2).refs("<c@x>").patch());
    assertEquals("Cover name", state.series(seriesOf(cover)).name());
    assertEquals("x (v3)", SeriesTracker.coverBasedName("[v3,0/4] x (v3)"));
    assertEquals("x", SeriesTracker.coverBasedName("  x "));
  }

  @Test
  void r7_3_coverWithRefsWhoseNameExistsFallsThroughToAComment() {
    Placement first = place(mail("<c@x>").marker("[0/2] Same", 0, 2).cover());
    Placement again = place(mail("<c-again@x>").marker("[0/2] Same", 0, 2).refs("<c@x>").cover());
    Placement unrelated = place(mail("<c3@x>").marker("[0/2] Same", 0, 2).refs("<nowhere@x>").cover());
    Placement noRefs = place(mail("<c4@x>").marker("[0/2] Same", 0, 2).cover());
    assertEquals(Kind.COVER, first.kind());
    assertEquals(Kind.COMMENT, again.kind());
    assertEquals("<c@x>", again.parent().msgid());
    assertEquals(Kind.OTHER, unrelated.kind());
    assertEquals(Kind.COVER, noRefs.kind(), "without refs it is a cover whatever its name");
  }

  @Test
  void r7_3_replyIsNeverACover() {
    place(mail("<1@x>").name("x").patch());
    Placement reply = place(mail("<r@x>").marker("[0/2] y", 0, 2).reply().refs("<1@x>").cover());
    assertEquals(Kind.COMMENT, reply.kind());
    assertEquals("<1@x>", reply.parent().msgid());
  }

  @Test
  void r7_4_patchesAnywhereInRefsWinOverACloserCover() {
    place(mail("<c@x>").marker("[0/1] c", 0, 1).cover());
    place(mail("<p@x>").name("p").patch());
    Placement comment = place(mail("<r@x>").reply().refs("<c@x>", "<p@x>").comment());
    assertEquals(new Placement.Parent("<p@x>", false, 1), comment.parent());
  }

  @Test
  void r7_4_replyToACommentReachesItsPatch() {
    place(mail("<p@x>").name("p").patch());
    place(mail("<r1@x>").reply().refs("<p@x>").comment());
    Placement r2 = place(mail("<r2@x>").reply().refs("<r1@x>").comment());
    assertEquals("<p@x>", r2.parent().msgid());
    Placement cover = place(mail("<c@x>").marker("[0/1] c", 0, 1).cover());
    place(mail("<cr1@x>").reply().refs("<c@x>").comment());
    Placement cr2 = place(mail("<cr2@x>").reply().refs("<cr1@x>").comment());
    assertEquals(new Placement.Parent("<c@x>", true, cover.coverId()), cr2.parent());
  }

  @Test
  void r9_2_tagTotalsSumThePatchAndItsComments() {
    Placement p = place(mail("<p@x>").name("p").tags(1, 0, 0).patch());
    assertEquals(new Tags(1, 0, 0), p.tags());
    Placement c = place(mail("<r@x>").reply().refs("<p@x>").tags(1, 2, 1).comment());
    assertEquals(new Tags(2, 2, 1), c.tags());
    place(mail("<c@x>").marker("[0/1] c", 0, 1).cover());
    Placement onCover = place(mail("<cr@x>").reply().refs("<c@x>").tags(5, 5, 5).comment());
    assertNull(onCover.tags(), "cover comments never count");
    assertEquals(new Tags(2, 2, 1), state.patchTags(p.patchId()));
  }

  @Test
  void r10_4_actionRequiredMarksPatchCommentsOnly() {
    place(mail("<p@x>").name("p").patch());
    place(mail("<c@x>").marker("[0/1] c", 0, 1).cover());
    assertEquals(Boolean.FALSE, place(mail("<r1@x>").reply().refs("<p@x>").actionRequired().comment()).addressed());
    assertNull(place(mail("<r2@x>").reply().refs("<p@x>").comment()).addressed());
    assertNull(place(mail("<r3@x>").reply().refs("<c@x>").actionRequired().comment()).addressed());
  }

  @Test
  void r1_5_duplicatesAreErrorsAndWriteNothing() {
    place(mail("<p@x>").name("p").from("Old Name", "a@x.org").patch());
    Placement dup = place(mail("<p@x>").name("p").from("New Name", "a@x.org").patch());
    assertEquals(Kind.ERROR, dup.kind());
    assertEquals("duplicate", dup.error());
    assertEquals("Old Name", state.findPerson("a@x.org").orElseThrow().name(), "rolled back");
    place(mail("<r@x>").reply().refs("<p@x>").comment());
    assertEquals("duplicate", place(mail("<r@x>").reply().refs("<p@x>").comment()).error());
    place(mail("<c@x>").marker("[0/1] c", 0, 1).cover());
    assertEquals("duplicate", place(mail("<c@x>").marker("[0/1] c", 0, 1).cover()).error());
    assertEquals(1, state.allSeries().size() - 1, "the duplicate cover created no series");
  }

  @Test
  void r1_5_sameMsgidAsCommentsOnDifferentParentsIsNoDuplicate() {
    place(mail("<p1@x>").name("p1").patch());
    place(mail("<p2@x>").name("p2").patch());
    assertEquals(Kind.COMMENT, place(mail("<r@x>").reply().refs("<p1@x>").comment()).kind());
    assertEquals(Kind.COMMENT, place(mail("<r@x>").reply().refs("<p2@x>").comment()).kind());
  }

  @Test
  void r3_2_latestNonEmptyNameWinsAndEmailCaseIsKept() {
    place(mail("<1@x>").name("a").from("First", "Mixed@Example.com").patch());
    place(mail("<2@x>").name("b").from(null, "mixed@example.com").patch());
    place(mail("<3@x>").name("c").from("", "MIXED@example.com").patch());
    SeriesState.Person person = state.findPerson("mixed@EXAMPLE.com").orElseThrow();
    assertEquals("First", person.name(), "null and empty names never clear");
    place(mail("<4@x>").name("d").from("Second", "mixed@example.com").patch());
    person = state.findPerson("mixed@example.com").orElseThrow();
    assertEquals("Second", person.name());
    assertEquals("Mixed@Example.com", person.email());
    assertEquals(1, state.persons().size());
  }

  @Test
  void r3_1_invalidFromRejectsPatchesButDropsOrphanReplies() {
    Placement bad = place(mail("<p@x>").name("p").invalidFrom().patch());
    assertEquals(Kind.ERROR, bad.kind());
    assertEquals("ValueError: Invalid 'From' header", bad.error());
    assertEquals(Kind.OTHER, place(mail("<r@x>").reply().refs("<nowhere@x>").invalidFrom().comment()).kind());
    place(mail("<q@x>").name("q").patch());
    assertEquals(Kind.ERROR, place(mail("<r2@x>").reply().refs("<q@x>").invalidFrom().comment()).kind());
  }

  @Test
  void r4_1_missingDateFallsBackToTheTrackerClock() {
    Placement p = place(mail("<p@x>").name("p").noDate().patch());
    assertEquals(LocalDateTime.of(2030, 5, 1, 10, 0, 0, 123_456_000), p.date(),
        "local wall clock of the clock's zone, microseconds");
  }

  @Test
  void r11_10_patchCompletedForTheRunThatALatePatchCompletes() {
    Placement p3 = place(mail("<3@x>").marker("[3/3] c", 3, 3).refs("<1@x>").patch());
    Placement p2 = place(mail("<2@x>").marker("[2/3] b", 2, 3).refs("<1@x>").patch());
    assertTrue(p2.events().stream().noneMatch(e -> e.category() == Category.PATCH_COMPLETED));
    Placement p1 = place(mail("<1@x>").marker("[1/3] a", 1, 3).patch());
    assertEquals(
        List.of(p1.patchId(), p2.patchId(), p3.patchId()),
        p1.events().stream()
            .filter(e -> e.category() == Category.PATCH_COMPLETED)
            .map(SeriesEvent::id)
            .toList());
    assertTrue(p1.events().contains(new SeriesEvent(Category.SERIES_COMPLETED, seriesOf(p1))));
  }

  @Test
  void otherAndUnparseableMailPassThrough() {
    assertEquals(Kind.OTHER, place(new ParsedMail.Other("<o@x>", "X-Patchwork-Hint: ignore")).kind());
    Placement error = place(new ParsedMail.Unparseable(null, "ValueError: Missing 'Message-Id' header", "R1.2"));
    assertEquals(Kind.ERROR, error.kind());
    assertEquals("ValueError: Missing 'Message-Id' header", error.error());
  }
}
