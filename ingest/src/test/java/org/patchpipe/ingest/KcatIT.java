package org.patchpipe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;

/**
 * Interop: Debian's {@code kcat} (librdkafka, a different Kafka client) reads what patchpipe
 * published, read_committed, and every event it prints decodes with {@link EventCodec}. Skipped
 * where kcat is not installed ({@code apt-get install kcat}; {@code .ci/run} installs it).
 */
class KcatIT {
  @TempDir Path dir;

  static List<JsonNode> kcat(String bootstrap, String topic) throws Exception {
    Process p = new ProcessBuilder(
            "kcat", "-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q", "-J",
            "-X", "isolation.level=read_committed")
        .redirectErrorStream(false)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kcat did not finish");
    assertEquals(0, p.exitValue(), "kcat failed: " + err);
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        records.add(json.readTree(line));
      }
    }
    return records;
  }

  static boolean kcatInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "kcat"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void kcatReadsTheEventsAndDeadLettersPatchpipePublished() throws Exception {
    Assumptions.assumeTrue(kcatInstalled(), "kcat is not installed: apt-get install kcat (skipping the interop test)");
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")))) {
      Topics topics = Topics.DEFAULT.withPrefix("kcat.");
      Path mbox = TestMails.writeMbox(dir, "k.mbox", 25);
      new Replay(PublisherConfig.of(broker.bootstrapServers(), "kcat-tx").withTopics(topics),
              IngestConfig.DEFAULT, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())
          .run(List.of(mbox), ReplayListener.NONE);

      // kcat -e stops at the end of each partition as librdkafka first sees it; on a loaded machine
      // it can start fetching a partition late and stop early, so read again until the counts
      // reach what was published (a count above it still fails below).
      List<JsonNode> raw;
      List<JsonNode> events;
      List<JsonNode> dead;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      do {
        raw = kcat(broker.bootstrapServers(), topics.raw());
        events = kcat(broker.bootstrapServers(), topics.events());
        dead = kcat(broker.bootstrapServers(), topics.deadLetters());
      } while ((raw.size() < 25 || events.size() + dead.size() < 25) && System.nanoTime() < deadline);
      assertEquals(25, raw.size());
      assertEquals(25, events.size() + dead.size());
      EventCodec codec = new EventCodec();
      for (JsonNode record : events) {
        assertEquals(TestMails.LIST_ID, record.get("key").asText());
        MailEvent event = codec.decode(record.get("payload").asText().getBytes(UTF_8));
        assertEquals(TestMails.LIST_ID, event.listId());
      }
      for (JsonNode record : raw) {
        assertTrue(record.get("payload").asText().contains("List-Id: <" + TestMails.LIST_ID + ">"));
        assertTrue(record.get("key").asText().matches("<\\d+@example\\.org>"));
      }
    }
  }
}
