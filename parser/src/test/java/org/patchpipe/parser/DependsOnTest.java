package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.DependsOn.MessageId;
import org.patchpipe.parser.DependsOn.PatchPage;
import org.patchpipe.parser.DependsOn.SeriesId;

/** R10.5's reading of {@code Depends-on:} lines, as Patchwork's {@code parse_depends_on} reads them. */
class DependsOnTest {

  @Test
  void urlLinesComeFirstThenMessageIdLinesEachInTextOrder() {
    String comment = "Intro.\n\nDepends-on: <a@example.com>\n"
        + "Depends-on: https://pw.example.com/project/test/list/?series=12\n"
        + "Depends-on: <b@example.com>  \n"
        + "Depends-on: http://other.example.org/project/x/patch/20240610.1-3-me@example.com/\n";
    assertEquals(List.of(new SeriesId(12), new PatchPage("<20240610.1-3-me@example.com>"),
        new MessageId("<a@example.com>"), new MessageId("<b@example.com>")), DependsOn.read(comment));
  }

  @Test
  void caseOfTheNameAndSchemeDoesNotMatterButTheLineMustBeWhole() {
    assertEquals(List.of(new MessageId("<a@x>")), DependsOn.read("depends-ON: <a@x>"));
    assertEquals(List.of(new SeriesId(3)), DependsOn.read("DEPENDS-ON: HTTPS://h/project/p/list/?series=3"));
    assertEquals(List.of(), DependsOn.read(" Depends-on: <a@x>"), "indented");
    assertEquals(List.of(), DependsOn.read("Depends-on: <a@x> and more"));
    assertEquals(List.of(), DependsOn.read("Depends-on:<a@x>"));
    assertEquals(List.of(), DependsOn.read("Depends-on: a@x"));
  }

  @Test
  void aPatchPathHasItsEncodedSlashesDecodedAndNothingElse() {
    assertEquals(List.of(new PatchPage("<a/b%40c@x>")),
        DependsOn.read("Depends-on: http://h/project/p/patch/a%2Fb%40c@x/"));
  }

  @Test
  void otherRoutesAndNonNumericSeriesNameNothing() {
    for (String url : List.of(
        "http://h/project/p/cover/a@x/",
        "http://h/project/p/patch/a@x/mbox/",
        "http://h/api/1.3/series/4/",
        "http://h/patch/4/",
        "http://h/series/4/mbox/",
        "http://h/project/p/list/?series=four",
        "http://h/project/p/list/?state=new",
        "http://h/project/p/list/",
        "http://h")) {
      assertEquals(List.of(), DependsOn.read("Depends-on: " + url), url);
    }
  }

  @Test
  void theFirstNonEmptySeriesValueCounts() {
    assertEquals(List.of(new SeriesId(7)), DependsOn.read("Depends-on: http://h/project/p/list/?series=&series=7&series=8"));
  }

  @Test
  void noneInPlainText() {
    assertEquals(List.of(), DependsOn.read("Just a patch.\n\nSigned-off-by: A <a@x>\n"));
    assertEquals(List.of(), DependsOn.read(null));
  }
}
