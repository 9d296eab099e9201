package org.patchpipe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.patchpipe.event.Topics;

/**
 * {@code patchpipe replay} in a real child process stopped with SIGTERM in the middle of its
 * transactions: it commits the batch in hand, says how far it got and exits 0; a second run
 * resumes there, and a read_committed reader finds every message exactly once.
 */
class SigtermReplayIT {
  private static final Pattern STOPPED =
      Pattern.compile("patchpipe replay: stopped by SIGTERM after (\\d+) messages; run again to resume");

  @TempDir static Path brokerDir;
  static EmbeddedBroker broker;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(brokerDir));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void sigtermMidReplayCommitsTheBatchInHandExitsZeroAndASecondRunCompletesExactlyOnce() throws Exception {
    int total = 4000;
    Path file = ReplayCommandIT.writeMbox(dir.resolve("list.mbox"), total, "sigterm.example.org");
    List<String> args = List.of("replay", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic-prefix", "sigterm.", "--batch-messages", "10", "--log-format", "json", file.toString());

    Process first = PatchpipeProcess.start(dir.resolve("first.log"), args);
    BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.contains("\"progress\"")) {
      assertTrue(!line.contains("\"summary\""), "the replay finished before it could be stopped");
    }
    assertTrue(line != null, "no commit before the end: " + Files.readString(dir.resolve("first.log")));
    first.toHandle().destroy(); // SIGTERM
    JsonNode summary = lastSummary(out);
    assertTrue(first.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
    String log = Files.readString(dir.resolve("first.log"));
    assertEquals(ExitCodes.OK, first.exitValue(), log);
    Matcher stopped = STOPPED.matcher(log);
    assertTrue(stopped.find(), log);
    long published = Long.parseLong(stopped.group(1));
    assertTrue(published > 0 && published < total, "stopped mid-run, after " + published);
    assertEquals(published, summary.get("messages").asLong(), "the summary counts what was committed");
    assertEquals(published, raw((int) published).size(), "exactly what it reported is committed");

    Process second = PatchpipeProcess.start(dir.resolve("second.log"), args);
    JsonNode rest = lastSummary(new BufferedReader(new InputStreamReader(second.getInputStream(), UTF_8)));
    assertTrue(second.waitFor(60, TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, second.exitValue(), Files.readString(dir.resolve("second.log")));
    assertEquals(total - published, rest.get("messages").asLong(), "the second run resumes where the first stopped");

    CommittedRecords raw = raw(total);
    assertEquals(total, raw.size(), "raw records");
    assertEquals(total, raw.positions().size(), "distinct positions: none twice, none lost");
  }

  /** Reads the child's JSON lines to their end and returns the summary line. */
  private static JsonNode lastSummary(BufferedReader out) throws IOException {
    JsonNode summary = null;
    String line;
    while ((line = out.readLine()) != null) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.get("event").asText().equals("summary")) {
        summary = node;
      }
    }
    assertTrue(summary != null, "no summary line");
    return summary;
  }

  private static CommittedRecords raw(int expected) {
    return CommittedRecords.read(
        broker.bootstrapServers(), Topics.DEFAULT.withPrefix("sigterm.").raw(), expected, Duration.ofSeconds(30));
  }
}
