package org.patchpipe.parser.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares our records with the oracle's, field by field, and keeps every difference with the
 * part of the pipeline it points at. Agreement of a field = records where it is equal / records.
 */
final class FieldComparison {
  /** The fields the golden tests hold to 99.5%: the parser's and the tracker's results. */
  static final List<String> ASSERTED =
      List.of("msgid", "kind", "name", "prefixes", "hash", "pull_url", "submitter", "number",
          "series", "series_name", "parent", "tags");

  /** Reported but not asserted here: each has its own tests in the helpers that own it. */
  static final List<String> REPORTED = List.of("date", "error");

  record Difference(String where, String field, JsonNode oracle, JsonNode ours, String reason) {
    String describe() {
      return where + " " + field + ": oracle=" + shorten(oracle) + " ours=" + shorten(ours)
          + "  [" + reason + "]";
    }
  }

  private final String label;
  private final Map<String, Integer> agreed = new LinkedHashMap<>();
  private final List<Difference> differences = new ArrayList<>();
  private int records;

  FieldComparison(String label) {
    this.label = label;
    for (String field : ASSERTED) {
      agreed.put(field, 0);
    }
    for (String field : REPORTED) {
      agreed.put(field, 0);
    }
  }

  /** Compares one record, keeping every field that differs with its likely cause. */
  void compare(String where, JsonNode oracle, ObjectNode ours) {
    records++;
    for (String field : agreed.keySet()) {
      JsonNode expected = value(oracle, field);
      JsonNode actual = value(ours, field);
      if (expected.equals(actual)) {
        agreed.merge(field, 1, Integer::sum);
      } else {
        differences.add(new Difference(where, field, expected, actual, reason(field, oracle, ours)));
      }
    }
  }

  /** The field as compared: {@code series} is key, version and total; its name is separate. */
  static JsonNode value(JsonNode record, String field) {
    if (field.equals("series") || field.equals("series_name")) {
      JsonNode series = record.get("series");
      if (series == null || series.isNull()) {
        return NullNode.instance;
      }
      if (field.equals("series_name")) {
        return series.get("name");
      }
      ObjectNode s = ((ObjectNode) series).deepCopy();
      s.remove("name");
      s.remove("id");
      return s;
    }
    JsonNode v = record.get(field);
    return v == null ? NullNode.instance : v;
  }

  /** Which rule, and so which part of patchpipe, a difference points at. */
  private static String reason(String field, JsonNode oracle, JsonNode ours) {
    String oracleKind = oracle.path("kind").asText();
    String ourKind = ours.path("kind").asText();
    if (!field.equals("kind") && !oracleKind.equals(ourKind)) {
      return "follows from kind " + oracleKind + " -> " + ourKind;
    }
    switch (field) {
      case "kind":
        if (ourKind.equals("error")) {
          return "parser/tracker rejected: " + ours.path("error").asText();
        }
        if (oracleKind.equals("error")) {
          return "Patchwork raised: " + oracle.path("error").asText();
        }
        return "R7 classification (parser: patch/cover/comment candidate; tracker: R7.3/R7.4)";
      case "msgid":
        return "parser R1.1";
      case "name":
      case "prefixes":
        return "parser R5.1/R12.5";
      case "hash":
        return "parser R6.4 diff extraction or R8 hash";
      case "pull_url":
        return "parser R6.8";
      case "submitter":
        return "parser R3.1/R3.3 or tracker R3.2";
      case "date":
        return "parser R4";
      case "tags":
        return "parser R9 counts or tracker R9.2 sums";
      default:
        return "tracker R11/R7.4";
    }
  }

  int records() {
    return records;
  }

  List<Difference> differences() {
    return differences;
  }

  double agreement(String field) {
    return records == 0 ? 1.0 : agreed.get(field) / (double) records;
  }

  void print(PrintStream out) {
    out.printf("== %s: %d records%n", label, records);
    for (String field : agreed.keySet()) {
      out.printf("  %-12s %6.2f%% (%d/%d)%s%n", field, 100 * agreement(field), agreed.get(field),
          records, ASSERTED.contains(field) ? "" : "  (reported only)");
    }
    out.printf("  %d differences:%n", differences.size());
    for (Difference d : differences) {
      out.println("    " + d.describe());
    }
  }

  private static String shorten(JsonNode node) {
    String text = node.toString();
    return text.length() > 240 ? text.substring(0, 240) + "...(" + text.length() + " chars)" : text;
  }
}
