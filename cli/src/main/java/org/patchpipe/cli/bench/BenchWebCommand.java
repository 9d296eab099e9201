package org.patchpipe.cli.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
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
 * {@code patchpipe bench web}: the web pages' latency at Patchwork scale. Generates the same
 * synthetic archive as {@code bench api} ({@link ApiBenchData}) in an embedded PostgreSQL in a
 * scratch directory, serves the site on a free port, and times the project's patch list (its
 * default filter, a page drawn from the first ten) and a patch page under 1, 2 and 8 concurrent
 * clients (p50/p99 after a warm-up). A page that does not answer 200 is reported and skipped, not
 * timed. Everything is deleted at the end.
 */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Web page latency (p50/p99) at Patchwork scale.",
      "Generates --patches patches in an embedded PostgreSQL (nothing is kept), serves the site and times"
          + " GET /project/bench/list/?page=N (the default filter: action required, newest first) and"
          + " GET /project/bench/patch/<msgid>/ under each of --clients concurrent clients."
          + " Targets at 2 clients: p99 < 50 ms (list), < 30 ms (patch page).",
    })
final class BenchWebCommand implements Callable<Integer> {
  private static final double TARGET_LIST_P99 = 50;
  private static final double TARGET_PATCH_P99 = 30;
  /** The client count the targets are set for. */
  private static final int TARGET_CLIENTS = 2;

  @Spec CommandSpec spec;

  @Option(names = "--patches", defaultValue = "100000", description = "Patches to generate (default: ${DEFAULT-VALUE}).")
  int patches;

  @Option(names = "--clients", split = ",", defaultValue = "1,2,8",
      description = "Concurrent HTTP clients, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--requests", defaultValue = "2000", description = "Timed requests per page and run (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "500", description = "Untimed requests per page first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--server-threads", defaultValue = "16", description = "Server threads (default: ${DEFAULT-VALUE}).")
  int serverThreads;

  @Option(names = "--work-dir", description = "Scratch directory (default: a new temporary directory, deleted at the end).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    if (patches < 1 || requests < 1 || warmup < 0 || clients.stream().anyMatch(c -> c < 1)) {
      throw new UserError("--patches, --clients and --requests must be positive, --warmup not negative");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("patchpipe-bench-web-");
    try {
      run(out, dir.resolve("pg"));
    } finally {
      if (workDir == null) {
        BenchFiles.deleteTree(dir);
      }
    }
    return 0;
  }

  private void run(PrintWriter out, Path pgDir) throws SQLException, InterruptedException, IOException {
    try (StoreRuntime pg = StoreRuntime.open(new StoreRuntime.Database.Embedded(
        new PostgresConfig(pgDir, 0, "patchpipe", false, PostgresConfig.defaultBinariesCache())))) {
      ApiBenchData.generate(pg, patches, out);
      try (HikariDataSource ds = pg.pool(null, serverThreads, Map.of("prepareThreshold", "1"));
          ApiServer server = ApiServer.start(new ApiConfig("127.0.0.1", 0, serverThreads), ds)) {
        IntFunction<String> list = r -> "/project/bench/list/?page=" + (1 + r % 10);
        // SyntheticArchive's Message-IDs: <bench-N@example.com>, N from 1.
        IntFunction<String> patch = r -> "/project/bench/patch/bench-" + (1 + r % patches) + "@example.com/";
        measure(out, server.baseUrl(), "list page", list, TARGET_LIST_P99);
        measure(out, server.baseUrl(), "patch page", patch, TARGET_PATCH_P99);
      }
    }
  }

  private void measure(PrintWriter out, String base, String what, IntFunction<String> path, double targetP99)
      throws InterruptedException, IOException {
    String probe = path.apply(0);
    int status = status(base + probe);
    if (status != 200) {
      out.printf(Locale.ROOT, "%-11s GET %s answered %d, not 200: not timed%n", what, probe, status);
      out.flush();
      return;
    }
    for (int n : clients) {
      if (warmup > 0) {
        ApiLoad.run(base, n, warmup, path);
      }
      ApiLoad.Latencies l = ApiLoad.run(base, n, requests, path);
      String verdict = n == TARGET_CLIENTS
          ? String.format(Locale.ROOT, "  [target p99 < %.0f ms: %s]", targetP99, l.percentile(99) < targetP99 ? "met" : "NOT met")
          : "";
      out.printf(Locale.ROOT, "%-11s %,d requests, %d clients: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %,.0f requests/s%s%n",
          what, requests, n, l.percentile(50), l.percentile(99), l.percentile(100), l.perSecond(), verdict);
      out.flush();
    }
  }

  private static int status(String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
