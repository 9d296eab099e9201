package org.patchpipe.parser.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.series.Placement;

/**
 * The steps every golden test shares: parse, track in Patchwork mode and with deferred replies, compare
 * and print. Skips (JUnit assumptions) when the shared folder is absent.
 */
final class GoldenCorpus {
  static final ObjectMapper JSON = new ObjectMapper();
  static final double REQUIRED = 0.995;

  private GoldenCorpus() {}

  /** Parses every message; fails if the parser throws on any (it must never throw on mail). */
  static List<ParsedMail> parse(List<RawMessage> raws, Project project) {
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    List<ParsedMail> parsed = new ArrayList<>(raws.size());
    List<String> thrown = new ArrayList<>();
    for (int i = 0; i < raws.size(); i++) {
      try {
        parsed.add(parser.parse(raws.get(i), project));
      } catch (RuntimeException e) {
        thrown.add("#" + i + ": " + e);
        parsed.add(new ParsedMail.Unparseable(null, "parser threw " + e, "bug"));
      }
    }
    assertTrue(thrown.isEmpty(), "the parser threw on " + thrown.size() + " mails: " + thrown);
    return parsed;
  }

  /**
   * One corpus compared twice: Patchwork mode (orphan replies dropped, as Patchwork does) must agree
   * on every asserted field; with deferred replies, every difference that Patchwork mode does not
   * have is listed separately as deliberate (DeferredReplyTest says why).
   */
  static final class Run {
    final FieldComparison patchwork;
    final FieldComparison improved;
    final List<FieldComparison.Difference> deliberate = new ArrayList<>();

    Run(String label) {
      patchwork = new FieldComparison(label + " (Patchwork mode)");
      improved = new FieldComparison(label + " (deferred replies)");
    }

    void compare(List<String> where, List<JsonNode> oracle, List<ParsedMail> mails) {
      assertTrue(oracle.size() == mails.size(),
          "oracle has " + oracle.size() + " records, the corpus gave " + mails.size() + " mails");
      List<ObjectNode> strict = TrackedRecords.track(mails, false).records();
      TrackedRecords.Result deferred = TrackedRecords.track(mails, true);
      for (int i = 0; i < mails.size(); i++) {
        patchwork.compare(where.get(i), oracle.get(i), strict.get(i));
        int before = improved.differences().size();
        improved.compare(where.get(i), oracle.get(i), deferred.records().get(i));
        List<FieldComparison.Difference> added = improved.differences().subList(before, improved.differences().size());
        for (var it = added.iterator(); it.hasNext(); ) {
          FieldComparison.Difference d = it.next();
          boolean patchworkAgrees =
              FieldComparison.value(strict.get(i), d.field()).equals(d.oracle());
          if (patchworkAgrees) {
            Placement p = deferred.placements().get(i);
            String why = p.late() ? "reply kept once its parent arrived"
                : "changed by a reply kept once its parent arrived";
            deliberate.add(new FieldComparison.Difference(d.where(), d.field(), d.oracle(), d.ours(),
                "deliberate: " + why + " (DeferredReplyTest)"));
            it.remove();
          }
        }
      }
    }

    void printAndCheck() {
      patchwork.print(System.out);
      System.out.printf("== deliberate differences (deferred replies): %d%n", deliberate.size());
      for (FieldComparison.Difference d : deliberate) {
        System.out.println("    " + d.describe());
      }
      StringBuilder failures = new StringBuilder();
      for (String field : FieldComparison.ASSERTED) {
        double a = patchwork.agreement(field);
        if (a < REQUIRED) {
          failures.append(String.format("%s %.2f%% < 99.5%%; ", field, 100 * a));
        }
        assertTrue(improved.differences().stream().filter(d -> d.field().equals(field)).count()
            <= patchwork.differences().stream().filter(d -> d.field().equals(field)).count(),
            field + ": deferring replies caused a difference that is not explained by deferral");
      }
      assertTrue(failures.length() == 0, patchwork.toString() + ": " + failures);
    }
  }
}
