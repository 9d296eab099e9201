package org.patchpipe.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Concurrent HTTP clients against a running API: {@code clients} threads, each with its own
 * keep-alive connection, send {@code requests} GETs in total to paths drawn by {@code path}, and
 * every response's latency (request sent to body read) is recorded. Any status other than 200
 * fails the run: a benchmark of errors would measure nothing.
 */
final class ApiLoad {
  private ApiLoad() {}

  /** Latencies of one run, sorted, in microseconds, with the run's wall time. */
  record Latencies(long[] micros, double seconds) {
    double percentile(double p) {
      if (micros.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * micros.length) - 1;
      return micros[Math.max(0, Math.min(index, micros.length - 1))] / 1000.0;
    }

    double perSecond() {
      return micros.length / seconds;
    }
  }

  static Latencies run(String baseUrl, int clients, int requests, IntFunction<String> path)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int share = requests / clients + (c < requests % clients ? 1 : 0);
        futures.add(pool.submit(() -> client(baseUrl, share, path)));
      }
      List<long[]> parts = new ArrayList<>();
      for (Future<long[]> f : futures) {
        parts.add(f.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Latencies(all, seconds);
    } catch (ExecutionException e) {
      throw new IllegalStateException("benchmark client failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] client(String baseUrl, int count, IntFunction<String> path)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    long[] micros = new long[count];
    for (int i = 0; i < count; i++) {
      String p = path.apply(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + p)).timeout(Duration.ofSeconds(30)).build();
      long t0 = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      micros[i] = (System.nanoTime() - t0) / 1000;
      if (response.statusCode() != 200) {
        throw new IOException("GET " + p + " answered " + response.statusCode() + ": "
            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return micros;
  }
}
