package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patchpipe.parser.testing.SharedFiles;

/**
 * The linker over the series real Patchwork built from its own revision test mails
 * (shared/corpus/patchwork-tests/series), and the proof report over the two list archives.
 */
class RevisionLinkerGoldenTest {
  private static java.util.Map<String, List<SeriesMail>> seriesFiles;

  private static synchronized List<RevisionLink> links(String file) throws IOException {
    if (seriesFiles == null) {
      Path oracle = SharedFiles.root().resolve("oracle/patchwork-tests.jsonl.gz");
      seriesFiles = new java.util.HashMap<>();
      OracleSeries.read(oracle, r -> r.get("file").asText().startsWith("series/"), seriesFiles);
    }
    List<SeriesMail> mails = seriesFiles.getOrDefault("series/" + file, List.of());
    org.junit.jupiter.api.Assertions.assertFalse(mails.isEmpty(), "the oracle has series for " + file);
    return new RevisionLinker().link(new SeriesRevisions().addAll(mails).revisions());
  }

  @ParameterizedTest(name = "{0}: series 2 replaces series 1 ({1})")
  @CsvSource({
      "revision-basic.mbox, VERSION",
      "revision-no-cover-letter.mbox, VERSION",
      "revision-out-of-order.mbox, THREAD",
      "revision-threaded-to-cover.mbox, THREAD",
      "revision-threaded-to-patch.mbox, THREAD",
      "revision-threaded-to-single-patch.mbox, THREAD",
      "revision-unlabeled.mbox, VERSION",
      "revision-unlabeled-noreferences.mbox, VERSION"})
  void revisionCasesLinkTheSecondSeriesToTheFirst(String file, RevisionLink.Reason reason) throws IOException {
    assertEquals(List.of(new RevisionLink(2, 1, reason)), links(file));
  }

  /** A lone v2 2/2 shares no title and no thread with the v1 1/2 before it: nothing to link. */
  @Test
  void mixedVersionsWithNothingInCommonStayUnlinked() throws IOException {
    assertEquals(List.of(), links("bugs-mixed-versions.mbox"));
  }

  @Test
  void singleSeriesFilesHaveNoLinks() throws IOException {
    for (String file : List.of("base-different-versions.mbox", "base-cover-letter.mbox", "base-single-patch.mbox")) {
      assertEquals(List.of(), links(file), file);
    }
  }

  /**
   * The proof report for the two list archives: prints what a person hand-checks, and asserts what
   * the linker promises of every link in it (at most one per series, to an earlier series, for the
   * reason the link names) and that the report counts what it was given.
   */
  @ParameterizedTest
  @CsvSource({"openrisc", "linux-efi"})
  void archiveReport(String archive) throws IOException {
    Path oracle = SharedFiles.root().resolve("oracle/" + archive + ".jsonl.gz");
    OracleSeries series = OracleSeries.read(oracle, r -> true);
    List<SeriesRevision> revisions = new SeriesRevisions().addAll(series.mails).revisions();
    List<RevisionLink> links = new RevisionLinker().link(revisions);
    String report = RevisionReport.of(archive, revisions, links, series.names, Integer.getInteger("patchpipe.report.sample", 20));
    System.out.println(report);

    assertFalse(links.isEmpty(), archive + " has series sent again as a new version");
    assertTrue(report.startsWith(archive + ": " + revisions.size() + " series, " + links.size() + " linked"), report);
    Map<Long, SeriesRevision> byId = new HashMap<>();
    revisions.forEach(r -> byId.put(r.id(), r));
    Set<Long> linked = new HashSet<>();
    Comparator<SeriesRevision> order = Comparator.comparing(SeriesRevision::date).thenComparingLong(SeriesRevision::id);
    for (RevisionLink link : links) {
      SeriesRevision newer = byId.get(link.series());
      SeriesRevision older = byId.get(link.previous());
      String what = archive + ": " + link;
      assertTrue(newer != null && older != null, what + " links series of the archive");
      assertTrue(linked.add(link.series()), what + ": one link per series");
      assertTrue(order.compare(older, newer) < 0, what + " replaces an earlier series");
      switch (link.reason()) {
        case CHANGE_ID -> assertFalse(Collections.disjoint(newer.changeIds(), older.changeIds()), what + " shares a change-id");
        case SUPERSEDES -> assertFalse(Collections.disjoint(newer.supersedes(), older.msgids()), what + " names a mail of it");
        case THREAD -> {
          assertSameSubmitterNotOlderVersion(what, newer, older);
          assertFalse(Collections.disjoint(newer.references(), older.msgids()), what + " replies into its thread");
        }
        case VERSION -> {
          assertSameSubmitterNotOlderVersion(what, newer, older);
          assertFalse(Collections.disjoint(newer.titles(), older.titles()), what + " shares a title");
        }
      }
    }
  }

  private static void assertSameSubmitterNotOlderVersion(String what, SeriesRevision newer, SeriesRevision older) {
    assertEquals(older.submitter(), newer.submitter(), what + ": same submitter");
    assertTrue(newer.version() >= older.version(), what + ": not an older version");
  }
}
