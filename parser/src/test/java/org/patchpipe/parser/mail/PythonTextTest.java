package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** R0.2: Python's whitespace set W, strip and splitlines. */
class PythonTextTest {
  @Test
  void whitespaceSetIsPythons() {
    String w = "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000";
    for (char c : w.toCharArray()) {
      assertTrue(PythonText.isSpace(c), Integer.toHexString(c));
    }
    for (char c : "a\u200b\ufeff\u180e_".toCharArray()) {
      assertFalse(PythonText.isSpace(c), Integer.toHexString(c));
    }
  }

  @Test
  void stripDiffersFromJavaStrip() {
    assertEquals("x", PythonText.strip("\u00a0\u0085x\u2007\u202f"));
    assertEquals("\u00a0\u0085x\u2007\u202f", "\u00a0\u0085x\u2007\u202f".strip());
    assertEquals("a b", PythonText.collapse(" a \u00a0\n b\u3000"));
  }

  @Test
  void splitlinesBreaksWherePythonDoes() {
    assertEquals(List.of("a", "b", "c", "d", "e", ""), PythonText.splitLines("a\r\nb\rc\u000bd\u2028e\n\n"));
  }

  @Test
  void truncateCountsCodePoints() {
    assertEquals("\uD83D\uDE00a", PythonText.truncate("\uD83D\uDE00ab", 2));
  }
}
