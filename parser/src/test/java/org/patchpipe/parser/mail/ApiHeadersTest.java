package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected maps are what CPython 3.11 gives for Patchwork's get_headers on the same text. */
class ApiHeadersTest {

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void assertRendered(Map<String, Object> expected, String stored) {
    Map<String, Object> rendered = ApiHeaders.render(stored);
    assertEquals(expected, rendered);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(rendered.keySet()), "key order");
  }

  @Test
  void r12_3RepeatedHeaderBecomesList() {
    assertRendered(map("Received", List.of("a", "b"), "Subject", "x"),
        "Received: a\nReceived: b\nSubject: x");
  }

  @Test
  void r12_3NamesMatchCaseInsensitivelyButKeepTheirSpelling() {
    assertRendered(map("Message-Id", List.of("<a>", "<b>"), "Subject", "s",
        "Message-ID", List.of("<a>", "<b>")), "Message-Id: <a>\nSubject: s\nMessage-ID: <b>");
  }

  @Test
  void r12_3FoldsStayLiteral() {
    assertRendered(map("Subject", "a long\n folded\n\tvalue", "To", "x"),
        "Subject: a long\n folded\n\tvalue\nTo: x");
  }

  @Test
  void r12_3EmptyStoredHeadersGiveEmptyObject() {
    assertRendered(map(), "");
    assertRendered(map(), null);
  }

  @Test
  void r12_3ValueKeepsTrailingSpaceButNotLeading() {
    assertRendered(map("Subject", "spaced  ", "X-Empty", "", "X-Tab", "t"),
        "Subject:   spaced  \nX-Empty: \nX-Tab:\tt");
  }

  @Test
  void r13_23NonHeaderLineEndsTheBlockAndLaterHeadersAreLost() {
    assertRendered(map("Subject", "s", "X-A", "a\fb"),
        "From someone\nSubject: s\nX-A: a\fb\nb\nX-Lost: y");
    assertRendered(map(), "Bad Name: x\nSubject: s");
    assertRendered(map("Subject", "s"), "Subject: s\n\nX-After: blank");
  }

  @Test
  void compat32DefectsAreSkipped() {
    assertRendered(map("Subject", "s"), " leading continuation\nSubject: s");
    assertRendered(map("Subject", "s"), ":novalue\nSubject: s");
    assertRendered(map("Subject", "s", "X-B", "b"), "Subject: s\nFrom nobody\nX-B: b");
    assertRendered(map("Subject", "s", "X-B", "b"), "Subject: s\nX-B: b\nFrom last");
    assertRendered(map("Subject", "a", "X-B", "b", "X-C", "c"), "Subject: a\r\nX-B: b\rX-C: c");
  }

  @Test
  void hugeBlocksStayLinear() {
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      block.append(i % 2 == 0 ? "Received: r" : "RECEIVED: R").append(i).append("\n fold\n");
    }
    block.append("Subject: ").append("x\n ".repeat(200_000)).append("end");
    Map<String, Object> rendered = ApiHeaders.render(block.toString());
    assertEquals(List.of("Received", "RECEIVED", "Subject"), List.copyOf(rendered.keySet()));
    assertEquals(100_000, ((List<?>) rendered.get("RECEIVED")).size());
    assertEquals("r0\n fold", ((List<?>) rendered.get("RECEIVED")).get(0));
    assertEquals("x\n ".repeat(200_000) + "end", rendered.get("Subject"));
  }

  @Test
  void renderedMapIsUnmodifiable() {
    Map<String, Object> rendered = ApiHeaders.render("Subject: s");
    assertThrows(UnsupportedOperationException.class, () -> rendered.put("X", "y"));
  }
}
