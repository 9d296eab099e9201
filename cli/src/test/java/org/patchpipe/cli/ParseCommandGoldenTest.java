package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.SharedFiles;
import picocli.CommandLine;

/**
 * {@code patchpipe parse --drop-orphan-replies} on the linux-efi archive, end to end (ingest's mbox
 * source, parser, tracker, JSON output), against what Patchwork stored: every output field the
 * oracle has, content, diff and API headers included. Skips where {@code ../shared} is absent.
 */
class ParseCommandGoldenTest {
  private static final List<String> FIELDS =
      List.of("msgid", "kind", "name", "prefixes", "date", "submitter", "hash", "pull_url", "content",
          "diff", "headers", "number", "series", "parent", "tags", "error");

  @Test
  void linuxEfiArchiveMatchesPatchworkFieldByField() throws IOException {
    Path archive = SharedFiles.resolve("corpus/linux-efi.mbox.gz");
    Path oracleFile = SharedFiles.resolve("oracle/linux-efi.jsonl.gz");

    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCodes.OK, cmd.execute("parse", "--drop-orphan-replies", archive.toString()), err.toString());

    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> ours = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      ours.add(mapper.readTree(line));
    }
    List<JsonNode> oracle = Corpus.oracle(oracleFile);
    assertEquals(oracle.size(), ours.size(), "one line per archived message");

    Map<String, Integer> agreed = new LinkedHashMap<>();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      for (String field : FIELDS) {
        JsonNode expected = comparable(oracle.get(i), field);
        JsonNode actual = comparable(ours.get(i), field);
        if (expected.equals(actual)) {
          agreed.merge(field, 1, Integer::sum);
        } else {
          differences.add("#" + i + " " + field + ": oracle=" + cut(expected) + " ours=" + cut(actual));
        }
      }
    }
    System.out.println("== patchpipe parse linux-efi: " + ours.size() + " lines");
    StringBuilder failures = new StringBuilder();
    for (String field : FIELDS) {
      double a = agreed.getOrDefault(field, 0) / (double) ours.size();
      System.out.printf("  %-9s %6.2f%%%n", field, 100 * a);
      if (a < 0.995) {
        failures.append(field).append(' ');
      }
    }
    differences.forEach(d -> System.out.println("    " + d));
    assertTrue(failures.length() == 0, "below 99.5%: " + failures + "; first differences: "
        + differences.subList(0, Math.min(5, differences.size())));
  }

  /** The oracle's series also has its name and database id, which the command does not print. */
  private static JsonNode comparable(JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (field.equals("series") && value != null && value.isObject()) {
      ObjectNode s = ((ObjectNode) value).deepCopy();
      s.remove("name");
      s.remove("id");
      return s;
    }
    return value == null ? com.fasterxml.jackson.databind.node.NullNode.instance : value;
  }

  private static String cut(JsonNode node) {
    String text = node.toString();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
