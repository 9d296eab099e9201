package org.patchpipe.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.patchpipe.cli.ExitCodes;
import org.patchpipe.cli.UserError;
import org.patchpipe.parser.ListIds;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.SeriesTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe bench parse}: how fast mail becomes Patchwork records. Loads each archive into
 * memory first (so disk and gzip are not measured), then times the stateless parse on one thread
 * (messages/s, MB/s, p50/p99 per message) and on all cores, and the sequential series tracking,
 * each after warm-up iterations, reporting the median iteration.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Parse throughput on list archives, single thread and all cores.",
      "Each archive is loaded into memory, parsed --warmup times untimed, then --iterations times"
          + " timed; the median iteration is reported. Series tracking (sequential by nature) is"
          + " timed separately. Targets: >= 3,100 messages/s (100x Patchwork's 31/s) and >= 100 MB/s"
          + " per core.",
    })
final class BenchParseCommand implements Callable<Integer> {
  private static final double TARGET_MESSAGES = 3_100;
  private static final double TARGET_MB_PER_CORE = 100;

  @Spec CommandSpec spec;

  @Option(names = "--iterations", defaultValue = "10", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "10",
      description = "Untimed warm-up iterations; the JIT needs several passes over an archive (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", description = "Threads for the parallel run (default: all cores).")
  Integer threads;

  @Option(names = "--list-id", paramLabel = "ID", description = "Project list id (default: each archive's first List-Id).")
  String listId;

  @Parameters(
      arity = "0..*",
      paramLabel = "ARCHIVE",
      description = "mbox (.gz), Maildir or folder (default: ../shared/corpus/openrisc.mbox.gz and linux-efi.mbox.gz).")
  List<Path> archives;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (iterations < 1 || warmup < 0) {
      throw new UserError("--iterations must be >= 1 and --warmup >= 0");
    }
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (cores < 1) {
      throw new UserError("--threads must be >= 1");
    }
    List<Path> inputs = archives != null && !archives.isEmpty() ? archives : defaults();
    out.printf("bench parse: %d warm-up + %d timed iterations, parallel run on %d threads, Java %s%n",
        warmup, iterations, cores, Runtime.version());
    boolean met = true;
    for (Path archive : inputs) {
      met &= bench(out, archive, cores);
    }
    out.printf("targets: >= %,.0f messages/s and >= %.0f MB/s per core, on one thread, wall clock: %s"
            + " (on a loaded machine compare the per CPU-second lines)%n",
        TARGET_MESSAGES, TARGET_MB_PER_CORE, met ? "met" : "NOT met");
    out.flush();
    return ExitCodes.OK;
  }

  private static List<Path> defaults() {
    return BenchArchives.defaults("or name ARCHIVE files");
  }

  private boolean bench(PrintWriter out, Path archive, int cores) throws IOException, InterruptedException {
    List<RawMessage> messages = ArchiveMessages.load(archive);
    if (messages.isEmpty()) {
      throw new UserError(archive + " holds no messages");
    }
    long bytes = messages.stream().mapToLong(RawMessage::size).sum();
    String id = listId != null ? listId : ListIds.find(messages.get(0)).orElse("unknown.invalid");
    Project project = Project.ofListId(id.contains(".") ? id : id + ".invalid");
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    out.printf("%n%s: %,d messages, %.1f MB, project %s%n", archive.getFileName(), messages.size(), bytes / 1e6, project.listId());

    long[] latencies = new long[messages.size() * iterations];
    double[] single = new double[iterations];
    double[] singleCpu = new double[iterations];
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    ParsedMail[] parsed = new ParsedMail[messages.size()];
    for (int run = -warmup; run < iterations; run++) {
      long start = System.nanoTime();
      long cpuStart = threadBean.getCurrentThreadCpuTime();
      for (int i = 0; i < messages.size(); i++) {
        long t0 = System.nanoTime();
        parsed[i] = parser.parse(messages.get(i), project);
        if (run >= 0) {
          latencies[run * messages.size() + i] = System.nanoTime() - t0;
        }
      }
      if (run >= 0) {
        single[run] = (System.nanoTime() - start) / 1e9;
        singleCpu[run] = (threadBean.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      }
    }
    double singleSeconds = median(single);
    double cpuSeconds = median(singleCpu);
    Arrays.sort(latencies);

    double[] parallel = new double[iterations];
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      for (int run = -warmup; run < iterations; run++) {
        double seconds = parallelRun(pool, cores, parser, messages, project);
        if (run >= 0) {
          parallel[run] = seconds;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    double parallelSeconds = median(parallel);

    double[] tracking = new double[iterations];
    double[] trackingCpu = new double[iterations];
    for (int run = -warmup; run < iterations; run++) {
      long start = System.nanoTime();
      long cpuStart = threadBean.getCurrentThreadCpuTime();
      SeriesTracker tracker = new SeriesTracker(new InMemorySeriesState(), Clock.systemUTC());
      for (int i = 0; i < parsed.length; i++) {
        tracker.place(1, i, parsed[i]);
      }
      if (run >= 0) {
        tracking[run] = (System.nanoTime() - start) / 1e9;
        trackingCpu[run] = (threadBean.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      }
    }
    double trackingSeconds = median(tracking);
    double trackingCpuSeconds = median(trackingCpu);

    int n = messages.size();
    double singleRate = n / singleSeconds;
    double singleMb = bytes / 1e6 / singleSeconds;
    double parallelRate = n / parallelSeconds;
    double parallelMb = bytes / 1e6 / parallelSeconds;
    out.printf("  parse, 1 thread:    %,10.0f messages/s  %7.1f MB/s   p50 %6.1f us  p99 %7.1f us%n",
        singleRate, singleMb, latencies[latencies.length / 2] / 1e3, latencies[(int) (latencies.length * 0.99)] / 1e3);
    out.printf("  parse, per CPU-second: %,7.0f messages/s  %7.1f MB/s   (thread CPU time; the machine is shared, load %.1f)%n",
        n / cpuSeconds, bytes / 1e6 / cpuSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf("  parse, %d threads:   %,10.0f messages/s  %7.1f MB/s   (%.1f MB/s per core, speed-up %.2fx)%n",
        cores, parallelRate, parallelMb, parallelMb / cores, singleSeconds / parallelSeconds);
    out.printf("  series tracking:    %,10.0f messages/s  (sequential, in-memory state; %,.0f per CPU-second)%n",
        n / trackingSeconds, n / trackingCpuSeconds);
    out.printf("  parse + tracking:   %,10.0f messages/s  on 1 thread; %.0fx Patchwork's 31 messages/s%n",
        n / (singleSeconds + trackingSeconds), n / (singleSeconds + trackingSeconds) / 31);
    double cpuRate = n / (cpuSeconds + trackingCpuSeconds);
    out.printf("  per CPU-second, parse + tracking: %,.0f messages/s (%.0fx Patchwork), parse %.1f MB/s per core%n",
        cpuRate, cpuRate / 31, bytes / 1e6 / cpuSeconds);
    return singleRate >= TARGET_MESSAGES && singleMb >= TARGET_MB_PER_CORE;
  }

  private static double parallelRun(
      ExecutorService pool, int cores, MailParser parser, List<RawMessage> messages, Project project)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>(cores);
    long start = System.nanoTime();
    for (int t = 0; t < cores; t++) {
      futures.add(pool.submit(() -> {
        // Chunks of 16 keep the shared counter off the hot path.
        for (int from = next.getAndAdd(16); from < messages.size(); from = next.getAndAdd(16)) {
          for (int i = from; i < Math.min(from + 16, messages.size()); i++) {
            parser.parse(messages.get(i), project);
          }
        }
      }));
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("parallel parse failed", e.getCause());
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
