package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.Topics;

/**
 * Kills a real replay process with SIGKILL in the middle of its transactions, twice, restarts it,
 * and counts with a read_committed consumer: every message exactly once, none lost, none twice.
 * Also replays a 50 MB mail in a child JVM limited to 256 MB of heap.
 */
class KillReplayIT {
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
  void killDashNineMidReplayAndRestartGivesEveryMessageExactlyOnce() throws Exception {
    int total = 3000;
    Path mbox = TestMails.writeMbox(dir, "kill.mbox.gz", total);
    List<String> args = List.of(broker.bootstrapServers(), "kill.", "kill-tx", "40", mbox.toString());
    for (int kill = 1; kill <= 2; kill++) {
      Process child = ChildJvm.start(dir.resolve("child-" + kill + ".log"), List.of(), args);
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
      int commits = 0;
      String line;
      while ((line = out.readLine()) != null && commits < 10) {
        if (line.startsWith("committed")) {
          commits++;
        }
        assertTrue(!line.startsWith("done"), "the replay finished before it could be killed");
      }
      assertEquals(10, commits, "child output: " + Files.readString(dir.resolve("child-" + kill + ".log")));
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no abort, a transaction left open
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
    }
    Process last = ChildJvm.start(dir.resolve("child-last.log"), List.of(), args);
    String output = new String(last.getInputStream().readAllBytes(), UTF_8);
    assertTrue(last.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, last.exitValue(), output + Files.readString(dir.resolve("child-last.log")));
    assertTrue(output.contains("done "), output);
    ReplayIT.assertExactlyOnce(broker.bootstrapServers(), Topics.DEFAULT.withPrefix("kill."), total);
  }

  @Test
  void aFiftyMegabyteMailIsReplayedWithA256MegabyteHeap() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("big"));
    StringBuilder body = new StringBuilder(52 << 20);
    body.append(TestMails.mail(50).replace("+new 50\n", ""));
    String line = "+" + "x".repeat(78) + "\n";
    while (body.length() < 50 << 20) {
      body.append(line);
    }
    Path big = folder.resolve("big.eml");
    Files.writeString(big, body);
    long size = Files.size(big);
    body.setLength(0);
    Process child = ChildJvm.start(dir.resolve("big.log"), List.of("-Xmx256m"),
        List.of(broker.bootstrapServers(), "big.", "big-tx", "10", folder.toString()));
    String output = new String(child.getInputStream().readAllBytes(), UTF_8);
    assertTrue(child.waitFor(180, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), output + Files.readString(dir.resolve("big.log")));
    Topics topics = Topics.DEFAULT.withPrefix("big.");
    var raw = TopicReader.readCommitted(broker.bootstrapServers(), topics.raw());
    assertEquals(1, raw.size());
    assertEquals(size, raw.get(0).value().length);
    ReplayIT.assertExactlyOnce(broker.bootstrapServers(), topics, 1);
  }
}
