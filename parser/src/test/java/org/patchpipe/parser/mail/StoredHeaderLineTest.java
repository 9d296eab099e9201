package org.patchpipe.parser.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The boundary between header chunking and re-encoding, per header (R0.3, R12.1, R12.2): for 1,205
 * random raw values, {@link HeaderCleaner#chunks} then {@link HeaderEncoder#encode} must give
 * Patchwork's stored line, and {@link HeaderCleaner#clean} its cleaned text, as CPython 3.11
 * computed them (stored-line-cases.py). One test that lists every mismatch.
 */
class StoredHeaderLineTest {

  @Test
  void r12_1StoredLineAndR0_3CleanTextMatchCpython() throws IOException {
    String[] lines;
    try (InputStream in = StoredHeaderLineTest.class.getResourceAsStream("stored-line-cases.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    }
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (int i = 0; i + 2 < lines.length; i += 3) {
      cases++;
      int tab = lines[i].indexOf('\t');
      String name = lines[i].substring(0, tab);
      String raw = DateParserTest.unescape(lines[i].substring(tab + 1));
      String stored = DateParserTest.unescape(lines[i + 1].substring(3));
      String cleaned = DateParserTest.unescape(lines[i + 2].substring(3));
      String ours = HeaderCleaner.chunks(raw).flatMap(c -> HeaderEncoder.encode(name, c)).orElse("OMIT");
      if (!ours.equals(stored)) {
        mismatches.add(lines[i] + "\n  stored: expected <" + stored + "> but was <" + ours + ">");
      }
      String ourText = HeaderCleaner.clean(raw).orElse("NONE");
      if (!ourText.equals(cleaned)) {
        mismatches.add(lines[i] + "\n  clean: expected <" + cleaned + "> but was <" + ourText + ">");
      }
    }
    assertEquals(1205, cases, "cases read");
    assertEquals("", String.join("\n", mismatches));
  }
}
