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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventHeaders;
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
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < total; i++) {
      mbox.append("From mboxrd@z Thu Jan  1 00:00:00 1970\n")
          .append(ReplayCommandIT.mail(i, "sigterm.example.org")).append("\n");
    }
    Path file = dir.resolve("list.mbox");
    Files.writeString(file, mbox);
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
    assertEquals(published, rawRecords(Topics.DEFAULT.withPrefix("sigterm.").raw(), (int) published).size(),
        "exactly what it reported is committed");

    Process second = PatchpipeProcess.start(dir.resolve("second.log"), args);
    JsonNode rest = lastSummary(new BufferedReader(new InputStreamReader(second.getInputStream(), UTF_8)));
    assertTrue(second.waitFor(60, TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, second.exitValue(), Files.readString(dir.resolve("second.log")));
    assertEquals(total - published, rest.get("messages").asLong(), "the second run resumes where the first stopped");

    List<ConsumerRecord<byte[], byte[]>> raw = rawRecords(Topics.DEFAULT.withPrefix("sigterm.").raw(), total);
    Set<String> positions = new HashSet<>();
    raw.forEach(r -> positions.add(new String(r.headers().lastHeader(EventHeaders.POSITION).value(), UTF_8)));
    assertEquals(total, raw.size(), "raw records");
    assertEquals(total, positions.size(), "distinct positions: none twice, none lost");
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

  /**
   * The committed records of {@code topic}: polls until {@code expected} have arrived (the commit
   * markers reach the partitions a moment after the producer's commit), then a second more, so a
   * record published twice would be counted.
   */
  private static List<ConsumerRecord<byte[], byte[]>> rawRecords(String topic, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (records.size() >= expected && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return records;
  }
}
