package org.patchpipe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;

/**
 * {@code patchpipe store} in a real child process, on its embedded PostgreSQL, stopped with
 * SIGTERM while it consumes: it commits the batch in hand with its offsets, reports and exits 0;
 * started again it stores the rest, and the API serves every patch exactly once.
 */
class SigtermStoreIT {
  private static final Pattern STOPPED =
      Pattern.compile("patchpipe store: stopped by SIGTERM after (\\d+) events: .*; run again to resume");
  private static final Pattern API = Pattern.compile("REST API at (http://\\S+/api/1\\.2/)");

  @TempDir static Path brokerDir;
  static EmbeddedBroker broker;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(brokerDir));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void sigtermMidConsumptionExitsZeroAndARestartStoresEveryPatchExactlyOnce() throws Exception {
    int total = 1500;
    Path file = ReplayCommandIT.writeMbox(dir.resolve("list.mbox"), total, "sigstore.example.org");
    ReplayCommandIT.Run replay = ReplayCommandIT.run("replay", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic-prefix", "sigstore.", "--log-format", "json", file.toString());
    assertEquals(ExitCodes.OK, replay.exitCode(), replay.err());
    List<String> args = List.of("store", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic-prefix", "sigstore.", "--data-dir", dir.resolve("pg").toString(), "--api-port", "0", "--max-batch", "10");

    Process first = PatchpipeProcess.start(dir.resolve("first.log"), args);
    BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), UTF_8));
    String api = apiUrl(out, dir.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (patches(api, 1) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    first.toHandle().destroy(); // SIGTERM
    String rest = readAll(out);
    assertTrue(first.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
    assertEquals(ExitCodes.OK, first.exitValue(), rest + Files.readString(dir.resolve("first.log")));
    long stored = stoppedAfter(rest);
    assertTrue(stored > 0 && stored < total, "stopped mid-consumption, after " + stored + " of " + total);

    Process second = PatchpipeProcess.start(dir.resolve("second.log"), args);
    out = new BufferedReader(new InputStreamReader(second.getInputStream(), UTF_8));
    api = apiUrl(out, dir.resolve("second.log"));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (patches(api, Integer.MAX_VALUE) < total && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(total, patches(api, Integer.MAX_VALUE), "every patch stored, none twice");
    second.toHandle().destroy();
    rest = readAll(out);
    assertTrue(second.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
    assertEquals(ExitCodes.OK, second.exitValue(), rest + Files.readString(dir.resolve("second.log")));
    assertEquals(total, stored + stoppedAfter(rest), "each event consumed by exactly one of the two runs");
  }

  /** Counts the patches the API lists, page by page, stopping once {@code enough} are seen. */
  private int patches(String api, int enough) throws IOException, InterruptedException {
    int count = 0;
    for (int page = 1; count < enough; page++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create(api + "patches/?per_page=250&page=" + page)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        break; // past the last page
      }
      assertEquals(200, response.statusCode(), response.body());
      int size = new ObjectMapper().readTree(response.body()).size();
      count += size;
      if (size < 250) {
        break;
      }
    }
    return count;
  }

  private static long stoppedAfter(String output) {
    Matcher m = STOPPED.matcher(output);
    assertTrue(m.find(), output);
    return Long.parseLong(m.group(1));
  }

  private static String apiUrl(BufferedReader out, Path log) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = API.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("the store did not start: " + Files.readString(log));
  }

  private static String readAll(BufferedReader out) throws IOException {
    StringBuilder s = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      s.append(line).append('\n');
    }
    return s.toString();
  }
}
