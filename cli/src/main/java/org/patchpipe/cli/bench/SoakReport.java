package org.patchpipe.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's table and its verdict on growth and progress. One {@link Minute} per interval: what
 * the JVM held after a collection and what each part did in that interval. The verdict compares
 * the last interval with the first (the first already past start-up and JIT warm-up): threads,
 * descriptors or heap above the first by more than their margins is growth without bound for a
 * process that should be in a steady state; an interval in which a part did nothing while it had
 * input is a stall.
 */
final class SoakReport {
  /** Margins above the first interval's reading that the last one may reach. */
  record Margins(int threads, long fds, long heapBytes) {}

  /**
   * One interval.
   *
   * @param lag events published but not yet stored, at the end of the interval
   * @param lagBefore the same at the start of the interval
   * @param imapPendingBefore mails appended to the folder and not yet published, at the start
   * @param imapAppended mails appended to the folder in the interval
   */
  record Minute(int number, SoakProbe.Reading reading, long lag, long lagBefore, long replayed, long stored,
      long imapAppended, long imapPendingBefore, long imapPublished, long apiRequests, long apiErrors) {}

  private final PrintWriter out;
  private final Margins margins;
  private final List<Minute> minutes = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  SoakReport(PrintWriter out, Margins margins) {
    this.out = out;
    this.margins = margins;
  }

  void header(SoakProbe.Reading start) {
    out.printf(Locale.ROOT, "soak: at start (parts started, no load yet): heap %.1f MB after GC, %d fds, %d threads%n",
        mb(start.heapBytes()), start.fds(), start.threads());
    out.println("minute  heap-MB    fds  threads      lag  replayed    stored  imap-published  api-requests  api-errors");
    out.flush();
  }

  void add(Minute m) {
    minutes.add(m);
    out.printf(Locale.ROOT, "%6d  %7.1f  %5d  %7d  %7d  %8d  %8d  %14d  %12d  %10d%n", m.number(),
        mb(m.reading().heapBytes()), m.reading().fds(), m.reading().threads(), m.lag(), m.replayed(), m.stored(),
        m.imapPublished(), m.apiRequests(), m.apiErrors());
    out.flush();
    if (m.lagBefore() > 0 && m.stored() == 0) {
      problems.add("stall: the store stored nothing in minute " + m.number() + " with " + m.lagBefore() + " events waiting");
    }
    if (m.replayed() == 0) {
      problems.add("stall: the replay published nothing in minute " + m.number());
    }
    if (m.imapPublished() == 0 && m.imapPendingBefore() + m.imapAppended() > 0) {
      problems.add("stall: the IMAP follower published nothing in minute " + m.number() + " with "
          + (m.imapPendingBefore() + m.imapAppended()) + " mails in the folder to publish");
    }
    if (m.apiRequests() == 0) {
      problems.add("stall: no API request was answered in minute " + m.number());
    }
  }

  /** A failed check of the end (lost or duplicated mail, a part that failed); makes the verdict fail. */
  void problem(String problem) {
    problems.add(problem);
  }

  /** Prints the summary and returns whether the soak passed. */
  boolean summary() {
    if (minutes.isEmpty()) {
      problems.add("no interval completed");
    } else {
      Minute first = minutes.get(0);
      Minute last = minutes.get(minutes.size() - 1);
      growth("heap after GC", "MB", first, last, r -> mb(r.heapBytes()), mb(margins.heapBytes()));
      growth("open file descriptors", "", first, last, r -> r.fds(), margins.fds());
      growth("live threads", "", first, last, r -> r.threads(), margins.threads());
      out.printf(Locale.ROOT, "totals over %d minutes: %,d mails replayed, %,d stored, %,d published from IMAP,"
              + " %,d API requests (%,d errors); lag at the end of the last minute %,d%n", minutes.size(),
          sum(Minute::replayed), sum(Minute::stored), sum(Minute::imapPublished), sum(Minute::apiRequests),
          sum(Minute::apiErrors), last.lag());
      if (sum(Minute::apiErrors) > 0) {
        problems.add(sum(Minute::apiErrors) + " API requests failed");
      }
    }
    for (String p : problems) {
      out.println("soak: FAILED: " + p);
    }
    out.println(problems.isEmpty()
        ? "soak: PASSED: heap, descriptors and threads within their margins; no stall; every mail stored once"
        : "soak: FAILED (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ")");
    out.flush();
    return problems.isEmpty();
  }

  private void growth(String what, String unit, Minute first, Minute last, ToDoubleFunction<SoakProbe.Reading> value,
      double margin) {
    double a = value.applyAsDouble(first.reading());
    double b = value.applyAsDouble(last.reading());
    double slope = slope(value);
    boolean grew = b > a + margin;
    out.printf(Locale.ROOT, "%-22s minute %d: %.1f%s, minute %d: %.1f%s, slope %+.2f%s/minute (allowed: +%.0f%s) %s%n",
        what, first.number(), a, unit, last.number(), b, unit, slope, unit, margin, unit, grew ? "GREW" : "within the margin");
    if (grew) {
      problems.add(what + " grew from " + a + unit + " to " + b + unit + ", more than the allowed " + margin + unit);
    }
  }

  /** Least-squares slope per interval of {@code value} over every interval. */
  private double slope(ToDoubleFunction<SoakProbe.Reading> value) {
    int n = minutes.size();
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (Minute m : minutes) {
      mx += m.number();
      my += value.applyAsDouble(m.reading());
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (Minute m : minutes) {
      double dx = m.number() - mx;
      sxy += dx * (value.applyAsDouble(m.reading()) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  private long sum(java.util.function.ToLongFunction<Minute> f) {
    return minutes.stream().mapToLong(f).sum();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
