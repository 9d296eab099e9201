package org.patchpipe.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Differential test against CPython: 400 generated mails (random From/Subject/References values,
 * and MIME mutations of the rules fixtures: nesting, boundaries, transfer encodings, charsets,
 * CR/CRLF, truncation, junk bytes, broken headers) with the fields Patchwork's own functions
 * computed for them on CPython 3.11 ({@code src/test/python/cpython_reference.py}; the generators
 * are next to it). The same comparison over 10,000 further generated mails found no difference.
 */
class DifferentialCPythonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MailParser PARSER = new MailParser(ParserLimits.DEFAULT);
  private static final Project PROJECT = new Project("test", "test.example.com", "test@example.com");

  @Test
  void parserAgreesWithCPython() throws IOException {
    List<String> differences = new ArrayList<>();
    int n = 0;
    try (InputStream in = getClass().getResourceAsStream("/differential/cpython-cases.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode c = JSON.readTree(line);
        n++;
        compare(c, PARSER.parse(RawMessage.of(Base64.getDecoder().decode(c.get("mail").asText())), PROJECT), differences);
      }
    }
    assertTrue(n == 400, n + " cases");
    assertTrue(differences.isEmpty(), String.join("\n", differences));
  }

  private static void compare(JsonNode c, ParsedMail mine, List<String> differences) {
    String file = c.get("file").asText();
    String kind = c.get("kind").asText();
    if (!kind.equals("ok")) {
      boolean ok = kind.equals("missing") && (mine instanceof ParsedMail.Unparseable
          || mine.msgid() != null && mine.msgid().endsWith("@patchpipe.invalid>"));
      if (!ok) {
        differences.add(file + ": CPython " + kind + ", parsed " + mine);
      }
      return;
    }
    if (mine instanceof ParsedMail.Unparseable u) {
      if (!c.get("from").isNull() || !u.reason().contains("From")) {
        differences.add(file + ": parsed " + u);
      }
      return;
    }
    if (mine instanceof ParsedMail.Other o) {
      if (!c.get("diff").isNull() || !c.get("content").asText().isEmpty()) {
        differences.add(file + ": parsed " + o + " but CPython found content");
      }
      return;
    }
    Envelope e = ((ParsedMail.Kept) mine).envelope();
    String content = ((ParsedMail.Kept) mine).content();
    String diff = mine instanceof ParsedMail.Patch p ? p.diff() : null;
    String hash = mine instanceof ParsedMail.Patch p ? p.hash() : null;
    check(differences, file, "msgid", text(c, "msgid"), e.msgid());
    check(differences, file, "name", text(c, "name"), e.subject().name());
    check(differences, file, "diff", text(c, "diff"), diff);
    check(differences, file, "content", text(c, "content"), content);
    check(differences, file, "hash", text(c, "hash"), hash);
    check(differences, file, "version", c.get("version").asText(), String.valueOf(e.subject().version()));
    check(differences, file, "marker", c.get("marker").toString(),
        "[" + e.subject().number() + "," + e.subject().total() + "]");
    List<String> refs = new ArrayList<>();
    c.get("refs").forEach(x -> refs.add(x.asText()));
    check(differences, file, "refs", refs.toString(), e.references().toString());
    JsonNode from = c.get("from");
    if (from.isNull() != (e.submitter() == null)) {
      differences.add(file + ": From validity differs: " + from + " vs " + e.submitter());
    } else if (!from.isNull() && !e.submitter().email().equalsIgnoreCase(PROJECT.listEmail())) {
      check(differences, file, "from", from.toString(),
          "[" + (e.submitter().name() == null ? "null" : JSON.valueToTree(e.submitter().name()).toString())
              + "," + JSON.valueToTree(e.submitter().email()) + "]");
    }
  }

  private static String text(JsonNode c, String field) {
    return c.get(field).isNull() ? null : c.get(field).asText();
  }

  private static void check(List<String> differences, String file, String field, String expected, String actual) {
    if (!Objects.equals(expected, actual)) {
      differences.add(file + ": " + field + " expected " + expected + " got " + actual);
    }
  }
}
