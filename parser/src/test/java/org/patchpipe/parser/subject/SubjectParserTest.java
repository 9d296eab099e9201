package org.patchpipe.parser.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.Subject;

/** R5: subject cleaning, prefixes, reply flag, series marker and version. */
class SubjectParserTest {
  private static SubjectParser.Cleaned clean(String subject, String... drop) {
    return SubjectParser.cleanSubject(subject, List.of(drop));
  }

  private static void row(String subject, List<String> drop, String name, List<String> prefixes) {
    SubjectParser.Cleaned c = SubjectParser.cleanSubject(subject, drop);
    assertEquals(name, c.name(), subject);
    assertEquals(prefixes, c.prefixes(), subject);
  }

  @Test
  void r52Table() {
    row("[PATCH RFC 1/2] meep", List.of(), "[RFC,1/2] meep", List.of("RFC", "1/2"));
    row("[PATCH] [RFC] [1/2] meep", List.of(), "[RFC,1/2] meep", List.of("RFC", "1/2"));
    row("[PATCH] rewrite [a-z] regexes", List.of(), "rewrite [a-z] regexes", List.of());
    row("[FOO] [bar] meep", List.of("foo"), "[bar] meep", List.of("bar"));
    row("[RFC PATCH net-next v3 2/5] x", List.of("net-next"), "[RFC,v3,2/5] x", List.of("RFC", "v3", "2/5"));
    row("[PATCH 1 of 3] x", List.of(), "[1 of 3] x", List.of("1 of 3"));
    row("[patch 1 of 3] x", List.of(), "[1,of,3] x", List.of("1", "of", "3"));
    row("[PATCHv2 1/3] x", List.of(), "[PATCHv2,1/3] x", List.of("PATCHv2", "1/3"));
    row("[Patch 2/2]: x", List.of(), "[2/2] : x", List.of("2/2"));
    row("[PATCH,, RFC ,] x", List.of(), "[RFC] x", List.of("RFC"));
    row("[] x", List.of(), "x", List.of());
    row("[PATCH] Re: [RFC] x", List.of(), "Re: [RFC] x", List.of());
    row("[dpdk-dev] [PATCH] kni: fix it", List.of(), "[dpdk-dev] kni: fix it", List.of("dpdk-dev"));
  }

  @Test
  void r51ReplyMarkersAndEmptyRemainder() {
    row("Re: Re: x", List.of(), "Re: x", List.of());
    row("re enable x", List.of(), "enable x", List.of());
    row("Fwd: [PATCH] x", List.of(), "x", List.of());
    row("AW: x", List.of(), "AW: x", List.of());
    row("[PATCH 1/2]", List.of(), "[1/2] ", List.of("1/2"));
    row("", List.of(), "", List.of());
    row("[unclosed x", List.of(), "[unclosed x", List.of());
  }

  @Test
  void r53ReplyFlag() {
    assertTrue(SubjectParser.isReply("Re: x"));
    assertTrue(SubjectParser.isReply("RE x"));
    assertFalse(SubjectParser.isReply("Fwd: x"));
    assertFalse(SubjectParser.isReply("[PATCH] Re: x"));
    assertFalse(SubjectParser.isReply(""));
  }

  @Test
  void r54SeriesMarkers() {
    assertMarker(List.of("1/2"), 1, 2);
    assertMarker(List.of("0 of 12"), 0, 12);
    assertMarker(List.of("PATCH1/8"), 1, 8);
    assertMarker(List.of("PATCH100/123"), 100, 123);
    assertMarker(List.of("v2PATCH1/4"), 1, 4);
    assertMarker(List.of("v2.3PATCH1/4"), 1, 4);
    assertMarker(List.of("1/2/3"), 2, 3);
    assertMarker(List.of("RFC", "03/07", "1/2"), 3, 7);
    assertNull(SubjectParser.seriesMarker(List.of("3/n"))[0]);
    assertNull(SubjectParser.seriesMarker(List.of("1", "of", "3"))[0]);
  }

  private static void assertMarker(List<String> prefixes, int x, int n) {
    Integer[] m = SubjectParser.seriesMarker(prefixes);
    assertEquals(x, m[0], prefixes.toString());
    assertEquals(n, m[1], prefixes.toString());
  }

  @Test
  void r55Version() {
    assertEquals(2, SubjectParser.version("[v2] foo (v4)", List.of("v2")));
    assertEquals(6, SubjectParser.version("foo (V6)", List.of()));
    assertEquals(1, SubjectParser.version("foo", List.of("v2.1", "version", "PATCHv2")));
    assertEquals(2, SubjectParser.version("[V2] x", List.of("V2")));
    assertEquals(3, SubjectParser.version("x", List.of("v\u0663")));
  }

  @Test
  void parseGivesApiPrefixesAndTruncatedName() {
    Subject s = SubjectParser.parse("[PATCH 1 of 3] x", List.of("test")).orElseThrow();
    assertEquals("[1 of 3] x", s.name());
    assertEquals(List.of("1", "of", "3"), s.prefixes());
    assertEquals(1, s.number());
    assertEquals(3, s.total());
    Subject re = SubjectParser.parse("[PATCH] Re: [RFC] x", List.of()).orElseThrow();
    assertEquals(List.of("RFC"), re.prefixes());
    assertFalse(re.reply());
    String longSubject = "[PATCH v2 1/3] " + "x".repeat(300);
    Subject l = SubjectParser.parse(longSubject, List.of()).orElseThrow();
    assertEquals(255, l.name().length());
    assertEquals(2, l.version());
    assertTrue(SubjectParser.parse("=?utf-8?b?a?=", List.of()).isEmpty());
  }
}
