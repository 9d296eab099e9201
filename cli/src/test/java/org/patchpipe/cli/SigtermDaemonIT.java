package org.patchpipe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.imap.DovecotProcess;

/**
 * {@code patchpipe daemon} in a real child process following a real Dovecot folder, stopped with
 * SIGTERM mid-backfill: it commits the batch in hand, says how far it got and exits 0; a second
 * daemon publishes the rest, and a read_committed reader finds every mail exactly once.
 */
class SigtermDaemonIT {
  private static final Pattern STOPPED =
      Pattern.compile("patchpipe: stopped by SIGTERM after (\\d+) messages; run again to resume");
  private static final String FOLDER = "lists.sigterm";

  @TempDir Path dir;

  @Test
  void sigtermMidBackfillExitsZeroAndASecondDaemonPublishesTheRestExactlyOnce() throws Exception {
    assumeTrue(DovecotProcess.binary().isPresent(), "dovecot is not installed");
    int total = 1500;
    List<byte[]> mails = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      mails.add(ReplayCommandIT.mail(i, "sigterm.example.org").getBytes(UTF_8));
    }
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
        DovecotProcess dovecot = DovecotProcess.start(dir.resolve("dovecot"), "bot", "secret", true)) {
      dovecot.writeMaildir(FOLDER, mails);
      String raw = Topics.DEFAULT.withPrefix("sigd.").raw();
      List<String> args = List.of("daemon", "--imap", "imap://bot@127.0.0.1:" + dovecot.port() + "/" + FOLDER,
          "--bootstrap-servers", broker.bootstrapServers(), "--topic-prefix", "sigd.",
          "--batch-messages", "5", "--status-interval", "0");

      Process first = daemon(dir.resolve("first.log"), args);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (CommittedRecords.read(broker.bootstrapServers(), raw, 1, Duration.ofMillis(300)).size() == 0
          && System.nanoTime() < deadline) {
        assertTrue(first.isAlive(), Files.readString(dir.resolve("first.log")));
      }
      first.toHandle().destroy(); // SIGTERM
      assertTrue(first.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
      String log = Files.readString(dir.resolve("first.log"));
      assertEquals(ExitCodes.OK, first.exitValue(), log);
      Matcher stopped = STOPPED.matcher(log);
      assertTrue(stopped.find(), log);
      long published = Long.parseLong(stopped.group(1));
      assertTrue(published > 0 && published < total, "stopped mid-backfill, after " + published);
      assertEquals(published, CommittedRecords.read(broker.bootstrapServers(), raw, (int) published,
          Duration.ofSeconds(30)).size(), "exactly what it reported is committed");

      Process second = daemon(dir.resolve("second.log"), args);
      CommittedRecords all = CommittedRecords.read(broker.bootstrapServers(), raw, total, Duration.ofSeconds(40));
      second.toHandle().destroy();
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
      assertEquals(ExitCodes.OK, second.exitValue(), Files.readString(dir.resolve("second.log")));
      assertEquals(total, all.size(), "raw records");
      assertEquals(total, all.positions().size(), "distinct positions: none twice, none lost");
    }
  }

  /** The daemon reads its password from the environment, as it would from a service manager. */
  private static Process daemon(Path log, List<String> args) throws Exception {
    return PatchpipeProcess.start(log, args, Map.of(DaemonCommand.PASSWORD_VARIABLE, "secret"));
  }
}
