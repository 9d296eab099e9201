package org.patchpipe.cli.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchpipe.cli.UserError;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.api.ApiServer;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.runtime.StoreRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe bench api}: the REST API's latency at Patchwork scale and the store's ingest
 * rate. Starts an embedded PostgreSQL in a scratch directory, generates {@code --patches} patches
 * in SQL, serves the API on a free port, and times patch detail and a git-pw style filtered list
 * under {@code --clients} concurrent clients (p50/p99 after a warm-up); then times store ingest
 * ({@link ApiIngestBench}). Everything is deleted at the end.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "REST API latency (p50/p99) at Patchwork scale, and store ingest of real archives.",
      "Generates --patches patches in an embedded PostgreSQL (nothing is kept), serves the API and"
          + " times GET /api/1.2/patches/<id>/ and a filtered list"
          + " (?project=bench&state=new&state=under-review&archived=false&order=-date&page=N)"
          + " under --clients concurrent clients. Targets: p99 < 10 ms (detail), < 50 ms (list);"
          + " Store ingest: parsed events of --archive files are published to an in-process broker,"
          + " then the store's consumer is timed writing them to PostgreSQL (target >= 2,000 messages/s).",
    })
final class BenchApiCommand implements Callable<Integer> {
  private static final double TARGET_DETAIL_P99 = 10;
  private static final double TARGET_LIST_P99 = 50;

  @Spec CommandSpec spec;

  @Option(names = "--patches", defaultValue = "100000", description = "Patches to generate (default: ${DEFAULT-VALUE}).")
  int patches;

  @Option(names = "--clients", defaultValue = "8", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--requests", defaultValue = "5000", description = "Timed requests per kind (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "1000", description = "Untimed requests per kind first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--api-threads", defaultValue = "16", description = "API server threads (default: ${DEFAULT-VALUE}).")
  int apiThreads;

  @Option(names = "--archive", paramLabel = "MBOX",
      description = "Archives for the ingest run (default: ../shared/corpus/openrisc.mbox.gz and linux-efi.mbox.gz).")
  List<Path> archives;

  @Option(names = "--skip-ingest", description = "Measure the API only.")
  boolean skipIngest;

  @Option(names = "--skip-api", description = "Measure store ingest only.")
  boolean skipApi;

  @Option(names = "--work-dir", description = "Scratch directory (default: a new temporary directory, deleted at the end).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    if (patches < 1 || clients < 1 || requests < 1 || warmup < 0) {
      throw new UserError("--patches, --clients and --requests must be positive, --warmup not negative");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("patchpipe-bench-store-");
    try {
      if (!skipApi) {
        apiLatency(out, dir.resolve("api-pg"));
      }
      if (!skipIngest) {
        new ApiIngestBench(out, dir.resolve("ingest"), archives()).run();
      }
    } finally {
      if (workDir == null) {
        BenchFiles.deleteTree(dir);
      }
    }
    return 0;
  }

  private List<Path> archives() {
    if (archives != null && !archives.isEmpty()) {
      return archives;
    }
    return BenchArchives.defaults("name --archive files, or pass --skip-ingest");
  }

  private void apiLatency(PrintWriter out, Path pgDir) throws SQLException, InterruptedException, IOException {
    try (StoreRuntime pg = StoreRuntime.open(new StoreRuntime.Database.Embedded(
        new PostgresConfig(pgDir, 0, "patchpipe", false, PostgresConfig.defaultBinariesCache())))) {
      ApiBenchData.generate(pg, patches, out);
      // Server-side prepared statements from the first use: the API's joins cost more to plan than to run.
      try (HikariDataSource ds = pg.pool(null, apiThreads, Map.of("prepareThreshold", "1"));
          ApiServer api = ApiServer.start(new ApiConfig("127.0.0.1", 0, apiThreads), ds)) {
        int pages = 10;
        java.util.function.IntFunction<String> detail = r -> "/api/1.2/patches/" + (1 + r % patches) + "/";
        java.util.function.IntFunction<String> list = r -> "/api/1.2/patches/?project=bench&state=new"
            + "&state=under-review&archived=false&order=-date&page=" + (1 + r % pages);
        measure(out, api.baseUrl(), "patch detail", detail, TARGET_DETAIL_P99);
        measure(out, api.baseUrl(), "filtered list", list, TARGET_LIST_P99);
      }
    }
  }

  private void measure(PrintWriter out, String base, String what, java.util.function.IntFunction<String> path,
      double targetP99) throws InterruptedException {
    if (warmup > 0) {
      ApiLoad.run(base, clients, warmup, path);
    }
    ApiLoad.Latencies l = ApiLoad.run(base, clients, requests, path);
    out.printf(Locale.ROOT,
        "%-14s %,d requests, %d clients: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %,.0f requests/s  [target p99 < %.0f ms: %s]%n",
        what, requests, clients, l.percentile(50), l.percentile(99), l.percentile(100), l.perSecond(), targetP99,
        l.percentile(99) < targetP99 ? "met" : "NOT met");
    out.flush();
  }
}
