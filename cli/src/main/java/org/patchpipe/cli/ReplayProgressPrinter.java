package org.patchpipe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import org.patchpipe.ingest.ReplayListener;
import org.patchpipe.ingest.ReplayProgress;
import org.patchpipe.ingest.ReplaySummary;

/**
 * Shows a replay's progress: on a terminal, one line rewritten in place (messages, MB, rate, ETA)
 * and a readable summary; otherwise one JSON object per line (a log line every few seconds, one
 * per source, and the summary), for log collectors. Used by {@code replay} and {@code bench
 * ingest}. One per replay; called on the publishing thread.
 */
final class ReplayProgressPrinter implements ReplayListener {
  private final PrintWriter out;
  private final boolean terminal;
  private final int sourceCount;
  private final ObjectMapper json = new ObjectMapper();
  private final long intervalNanos;
  private int sourceIndex = -1;
  private long lastPrint;
  private double firstFraction = Double.NaN;
  private long firstElapsedMillis;
  private boolean lineOpen;

  ReplayProgressPrinter(PrintWriter out, boolean terminal, int sourceCount) {
    this.out = out;
    this.terminal = terminal;
    this.sourceCount = Math.max(1, sourceCount);
    this.intervalNanos = terminal ? 250_000_000L : 5_000_000_000L;
  }

  @Override
  public void sourceStarted(String sourceId, String resumeFrom) {
    sourceIndex++;
    if (terminal) {
      endLine();
      out.println("replaying " + sourceId + (resumeFrom == null ? "" : " (resuming after " + resumeFrom + ")"));
    } else {
      ObjectNode line = event("source-started").put("source", sourceId);
      line.put("resumeAfter", resumeFrom);
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void committed(ReplayProgress progress) {
    long now = System.nanoTime();
    if (now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    if (terminal) {
      out.print("\r" + line(progress) + "   ");
      out.flush();
      lineOpen = true;
    } else {
      out.println(counters(event("progress"), progress).put("eta", eta(progress).map(Duration::toString).orElse(null)));
      out.flush();
    }
  }

  @Override
  public void sourceFinished(String sourceId, long messages, String failure) {
    if (terminal) {
      endLine();
      if (failure != null) {
        out.println("warning: " + sourceId + " ended early: " + failure);
      }
    } else {
      out.println(event("source-finished").put("source", sourceId).put("messages", messages).put("failure", failure));
    }
    out.flush();
  }

  /** Prints the summary of a finished replay. */
  void summary(ReplaySummary summary) {
    ReplayProgress t = summary.totals();
    if (terminal) {
      endLine();
      out.printf(
          "replayed %,d messages (%.1f MB) in %.1f s: %,.0f messages/s, %.2f MB/s%n"
              + "  published %,d (unparseable %,d), dead letters %,d, duplicates %,d,"
              + " transactions %,d, retried %,d%n",
          t.messages(), t.bytes() / 1e6, t.elapsed().toMillis() / 1000.0, t.messagesPerSecond(),
          t.megabytesPerSecond(), t.published(), t.unparseable(), t.deadLetters(), t.duplicates(),
          t.transactions(), t.retries());
      summary.sourceFailures().forEach(f -> out.println("  source ended early: " + f));
    } else {
      ObjectNode line = counters(event("summary"), t);
      summary.sourceFailures().forEach(line.putArray("sourceFailures")::add);
      out.println(line);
    }
    out.flush();
  }

  private String line(ReplayProgress p) {
    String eta = eta(p).map(ReplayProgressPrinter::format).orElse("?");
    return String.format(
        "%,d messages, %.1f MB, %,.0f msg/s, %.2f MB/s, dead letters %,d, ETA %s",
        p.messages(), p.bytes() / 1e6, p.messagesPerSecond(), p.megabytesPerSecond(), p.deadLetters(), eta);
  }

  /**
   * Estimated time left, from how fast the sources have been read since the first commit (so the
   * start-up, topic creation and producer initialisation, does not count as slowness).
   */
  private java.util.Optional<Duration> eta(ReplayProgress p) {
    double fraction = (Math.max(0, sourceIndex) + p.sourceFractionDone()) / sourceCount;
    long elapsed = p.elapsed().toMillis();
    if (Double.isNaN(fraction)) {
      return java.util.Optional.empty();
    }
    if (Double.isNaN(firstFraction)) {
      firstFraction = fraction;
      firstElapsedMillis = elapsed;
      return java.util.Optional.empty();
    }
    double done = fraction - firstFraction;
    if (done <= 0.0001) {
      return java.util.Optional.empty();
    }
    double millisPerFraction = (elapsed - firstElapsedMillis) / done;
    return java.util.Optional.of(Duration.ofMillis((long) ((1 - fraction) * millisPerFraction)));
  }

  private static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
  }

  private ObjectNode event(String name) {
    return json.createObjectNode().put("time", Instant.now().toString()).put("event", name);
  }

  private static ObjectNode counters(ObjectNode node, ReplayProgress p) {
    return node
        .put("messages", p.messages())
        .put("bytes", p.bytes())
        .put("published", p.published())
        .put("unparseable", p.unparseable())
        .put("deadLetters", p.deadLetters())
        .put("duplicates", p.duplicates())
        .put("transactions", p.transactions())
        .put("retries", p.retries())
        .put("seconds", p.elapsed().toMillis() / 1000.0)
        .put("messagesPerSecond", Math.round(p.messagesPerSecond()))
        .put("megabytesPerSecond", Math.round(p.megabytesPerSecond() * 100) / 100.0);
  }

  private void endLine() {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
  }
}
