package org.patchpipe.store.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiffSectionsTest {
  @Test
  void eachFileIsASectionAndHunksAreReadByTheirCounts() {
    String diff = "diff --git a/a.c b/a.c\nindex 1..2 100644\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,2 @@\n ctx\n"
        + "--- looks like a header\n-gone\n+new\n"
        + "diff --git a/b.c b/b.c\nnew file mode 100644\n--- /dev/null\n+++ b/b.c\n@@ -0,0 +1 @@\n+b\n";
    List<DiffSections.File> files = DiffSections.of(diff);
    assertEquals(2, files.size());
    assertEquals("a.c", files.get(0).path());
    assertEquals(1, files.get(0).added());
    assertEquals(2, files.get(0).removed());
    assertEquals(new DiffSections.Line(DiffSections.Kind.REMOVED, "--- looks like a header"), files.get(0).lines().get(6));
    assertEquals("b.c", files.get(1).path());
    assertEquals(1, files.get(1).added());
    assertEquals(6, files.get(1).lines().size());
  }

  @Test
  void aDiffWithoutGitHeadersIsNamedByItsFileLines() {
    List<DiffSections.File> files = DiffSections.of("--- linux.orig/x.c\t2020\n+++ linux/x.c\t2020\n@@ -1 +1 @@\n-a\n+b\n"
        + "--- linux.orig/y.c\n+++ linux/y.c\n@@ -1 +1 @@\n-c\n+d\n");
    assertEquals(List.of("linux.orig/x.c", "linux.orig/y.c"), files.stream().map(DiffSections.File::path).toList());
  }

  @Test
  void textThatIsNoDiffIsOneSectionAndNeverFails() {
    List<DiffSections.File> files = DiffSections.of("just words\n@@ broken\n\0\ufffd");
    assertEquals(1, files.size());
    assertEquals(3, files.get(0).lines().size());
    assertEquals(List.of(), DiffSections.of(null));
  }
}
