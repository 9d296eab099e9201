package org.patchpipe.parser.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;

/**
 * Compares what the stateless parser says about one mail with what Patchwork stored (the oracle
 * record): Message-ID, kind as far as one mail decides it, name, prefixes, hash, pull URL,
 * content, diff and the submitter's address. Collects differences as readable lines.
 */
public final class StatelessComparison {
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final List<String> differences = new ArrayList<>();
  private int compared;

  public List<String> differences() {
    return differences;
  }

  public int compared() {
    return compared;
  }

  public void compare(String where, JsonNode o, ParsedMail mine) {
    compared++;
    String kind = o.get("kind").asText();
    String error = text(o, "error");
    if (!"error".equals(kind) || !"duplicate".equals(error)) {
      if (!kindCompatible(kind, mine)) {
        differences.add(where + ": kind " + kind + (error != null ? " (" + error + ")" : "") + " but parsed " + describe(mine));
        return;
      }
    }
    if (o.hasNonNull("msgid") && mine.msgid() != null && !"error".equals(kind)) {
      check(where, "msgid", text(o, "msgid"), mine.msgid());
    }
    Envelope env = envelope(mine);
    if (env == null || "other".equals(kind) || "error".equals(kind)) {
      return;
    }
    if ("patch".equals(kind) || "cover".equals(kind)) {
      check(where, "name", text(o, "name"), env.subject().name());
      check(where, "prefixes", o.get("prefixes").toString(), json(env.subject().prefixes()));
    }
    String date = text(o, "date");
    if (date != null) {
      String mineDate = env.date() == null ? null : env.date().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      check(where, "date", date.contains(".") ? null : date, mineDate);
    }
    if (o.hasNonNull("headers")) {
      JsonNode mineHeaders = MAPPER.valueToTree(org.patchpipe.parser.mail.ApiHeaders.render(env.headers()));
      if (!o.get("headers").equals(mineHeaders)) {
        check(where, "headers", o.get("headers").toString(), mineHeaders.toString());
      }
    }
    if (o.hasNonNull("submitter") && env.submitter() != null) {
      check(where, "submitter.email", o.get("submitter").get("email").asText().toLowerCase(java.util.Locale.ROOT),
          env.submitter().email().toLowerCase(java.util.Locale.ROOT));
    }
    if (mine instanceof ParsedMail.Patch p) {
      check(where, "hash", text(o, "hash"), p.hash());
      check(where, "pull_url", text(o, "pull_url"), p.pullUrl());
      check(where, "diff", text(o, "diff"), p.diff());
    }
    if (mine instanceof ParsedMail.Kept kept) {
      check(where, "content", text(o, "content"), kept.content());
    }
  }

  private static boolean kindCompatible(String kind, ParsedMail mine) {
    switch (kind) {
      case "patch":
        return mine instanceof ParsedMail.Patch;
      case "cover":
        return mine instanceof ParsedMail.CoverLetter;
      case "comment":
        return mine instanceof ParsedMail.Comment || mine instanceof ParsedMail.CoverLetter;
      case "other":
        return mine instanceof ParsedMail.Other
            || mine instanceof ParsedMail.Comment
            || mine instanceof ParsedMail.CoverLetter;
      case "error":
        return mine instanceof ParsedMail.Unparseable
            || (mine instanceof ParsedMail.Comment c && c.envelope().submitter() == null)
            || (mine instanceof ParsedMail.CoverLetter cl && cl.envelope().submitter() == null);
      default:
        return false;
    }
  }

  private static Envelope envelope(ParsedMail m) {
    return m instanceof ParsedMail.Kept kept ? kept.envelope() : null;
  }

  private static String describe(ParsedMail m) {
    if (m instanceof ParsedMail.Unparseable u) {
      return "Unparseable(" + u.ruleId() + ": " + u.reason() + ")";
    }
    if (m instanceof ParsedMail.Other o) {
      return "Other(" + o.reason() + ")";
    }
    return m.getClass().getSimpleName();
  }

  private void check(String where, String field, String expected, String actual) {
    if (!Objects.equals(expected, actual)) {
      differences.add(where + ": " + field + " expected " + abbreviate(expected) + " got " + abbreviate(actual));
    }
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    String q = s.replace("\n", "\\n");
    return "\"" + (q.length() > 300 ? q.substring(0, 300) + "..." : q) + "\"";
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String json(List<String> list) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(new com.fasterxml.jackson.databind.node.TextNode(list.get(i)).toString());
    }
    return sb.append(']').toString();
  }
}
