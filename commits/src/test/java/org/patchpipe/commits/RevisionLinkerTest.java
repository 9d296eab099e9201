package org.patchpipe.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionLinkerTest {
  private final List<SeriesMail> mails = new ArrayList<>();
  private int day;

  /** One series of patches named {@code names}, sent by {@code who} one day after the last. */
  private void series(long id, int version, String who, List<String> refs, String content, String... names) {
    day++;
    for (int i = 0; i < names.length; i++) {
      mails.add(new SeriesMail(id, version, who, LocalDateTime.of(2024, 1, day, 10, i),
          "<" + id + "." + i + "@example.com>", names[i], refs, content));
    }
  }

  private List<RevisionLink> links() {
    return new RevisionLinker().link(new SeriesRevisions().addAll(mails).revisions());
  }

  @Test
  void chainLinksEachVersionToTheOneBefore() {
    series(1, 1, "a@x.org", List.of(), null, "[1/2] foo: add bar", "[2/2] foo: use bar");
    series(2, 2, "a@x.org", List.of(), null, "[v2,1/2] foo: add bar", "[v2,2/2] foo: use bar");
    series(3, 3, "A@X.org", List.of(), null, "[v3,1/3] foo: add bar", "[v3,2/3] foo: use bar", "[v3,3/3] foo: more");
    assertEquals(List.of(new RevisionLink(2, 1, RevisionLink.Reason.VERSION),
        new RevisionLink(3, 2, RevisionLink.Reason.VERSION)), links());
  }

  @Test
  void otherSubmitterOrNoSharedTitleIsNotARevision() {
    series(1, 1, "a@x.org", List.of(), null, "foo: add bar");
    series(2, 2, "b@x.org", List.of(), null, "[v2] foo: add bar");
    series(3, 2, "a@x.org", List.of(), null, "[v2] baz: something else");
    assertEquals(List.of(), links());
  }

  @Test
  void sameVersionNeedsAllTitlesAndTheSameTreePrefixes() {
    series(1, 1, "greg@x.org", List.of(), null, "[5.14,101/432] openrisc: fix");
    series(2, 1, "greg@x.org", List.of(), null, "[5.4,048/260] openrisc: fix");
    series(3, 1, "a@x.org", List.of(), null, "[1/2] one", "[2/2] two");
    series(4, 1, "a@x.org", List.of(), null, "[1/2] one", "[2/2] two changed");
    series(5, 1, "a@x.org", List.of(), null, "[RESEND,1/2] one", "[RESEND,2/2] two changed");
    assertEquals(List.of(new RevisionLink(5, 4, RevisionLink.Reason.VERSION)), links());
  }

  @Test
  void replyInTheOldThreadWithAHigherVersionLinksEvenWhenRenamed() {
    series(1, 1, "a@x.org", List.of(), null, "[0/1] old name", "[1/1] foo: first try");
    series(2, 2, "a@x.org", List.of("<1.0@example.com>"), null, "[v2,1/1] foo: second try");
    assertEquals(List.of(new RevisionLink(2, 1, RevisionLink.Reason.THREAD)), links());
  }

  @Test
  void followUpPatchInTheThreadWithTheSameVersionIsNotARevision() {
    series(1, 1, "a@x.org", List.of(), null, "[1/2] foo: add bar", "[2/2] foo: use bar");
    series(2, 1, "a@x.org", List.of("<1.1@example.com>"), null, "foo: fixup for the review");
    assertEquals(List.of(), links());
  }

  @Test
  void changeIdAndSupersedesLinkAcrossNamesAndSubmitters() {
    series(1, 1, "a@x.org", List.of(), "text\n\n---\nchange-id: 20240101-topic-0123abcd\n", "first name");
    series(2, 1, "b@x.org", List.of(), "Supersedes: https://lore.kernel.org/r/1.0@example.com\n", "taken over");
    series(3, 2, "a@x.org", List.of(), "change-id: 20240101-topic-0123abcd\n", "[v2] renamed");
    assertEquals(List.of(new RevisionLink(2, 1, RevisionLink.Reason.SUPERSEDES),
        new RevisionLink(3, 1, RevisionLink.Reason.CHANGE_ID)), links());
  }

  @Test
  void titlesDropPrefixesAndVersionMarks() {
    assertEquals("net: dsa: multi-cpu ground work", SeriesRevision.title("[net-next,v3,0/4] net: dsa: Multi-CPU  ground work (v3)"));
    assertEquals(java.util.Set.of("net-next"), SeriesRevision.topics("[net-next,v3,0/4] x"));
    assertEquals(java.util.Set.of(), SeriesRevision.topics("[PATCHv2,RESEND,RFC,1/2] x"));
  }
}
