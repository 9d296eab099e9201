package org.patchpipe.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.common.utils.Utils;
import org.patchpipe.broker.testing.KraftCluster;
import org.patchpipe.broker.testing.KraftClusterExtension;
import org.patchpipe.event.Topics;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;

/**
 * {@code patchpipe store} in a real process, consuming from a real 3-node KRaft cluster (3
 * replicas, {@code min.insync.replicas} 2) into PostgreSQL while a {@code replay} process
 * publishes the mail: the broker leading the events partition they both use is killed with SIGKILL
 * mid-consumption. Both carry on once another broker leads, and the database ends with every patch
 * and every comment exactly once, nothing set aside and nothing recorded as a duplicate; SIGTERM
 * then ends the store with exit 0, having consumed each event once.
 */
class ClusterStoreKillIT {
  private static final Pattern STOPPED =
      Pattern.compile("patchpipe store: stopped by SIGTERM after (\\d+) events");
  private static final String PREFIX = "cstore.";
  private static final String LIST_ID = "cstore.example.org";
  private static final int PATCHES = 1200;
  private static final int REPLY_EVERY = 4;
  private static final int COMMENTS = PATCHES / REPLY_EVERY;

  @RegisterExtension static final KraftClusterExtension KRAFT = new KraftClusterExtension(3);
  @TempDir static Path pgDir;
  static EmbeddedPostgres pg;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws SQLException {
    pg = EmbeddedPostgres.start(new PostgresConfig(pgDir.resolve("pg"), 0, "patchpipe", false,
        PostgresConfig.defaultBinariesCache()));
    try (Connection c = connect()) {
      Schema.migrate(c);
    }
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void killDashNineOfTheLeaderMidStoreStoresEveryPatchAndCommentExactlyOnce() throws Exception {
    KraftCluster cluster = KRAFT.cluster();
    Topics topics = ClusterReplayKillIT.replicatedTopics(cluster, PREFIX);
    int events = PATCHES + COMMENTS;
    int partition = Utils.toPositive(Utils.murmur2(LIST_ID.getBytes(UTF_8))) % topics.partitions();
    Process store = PatchpipeProcess.start(dir.resolve("store.log"), List.of("store",
        "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix", PREFIX,
        "--db", pg.jdbcUrl(), "--db-user", pg.user(), "--api-port", "0", "--max-batch", "10"));
    BufferedReader out = new BufferedReader(new InputStreamReader(store.getInputStream(), UTF_8));
    // Mail arrives while the store runs, as in a deployment, so it must fetch from the new leader.
    Process replay = PatchpipeProcess.start(dir.resolve("replay.log"), List.of("replay",
        "--bootstrap-servers", cluster.bootstrapServers(), "--topic-prefix", PREFIX, "--batch-messages", "20",
        "--parser-threads", "1", "--log-format", "json", writeMbox(dir.resolve("list.mbox")).toString()));
    try (ProgressSampler stored = ProgressSampler.start(ClusterStoreKillIT::storedRows, events)) {
      assertTrue(stored.awaitAtLeast(events / 5, 90_000), "no progress: " + Files.readString(dir.resolve("store.log")));
      int killed = cluster.leader(topics.events(), partition);
      long atKill = stored.latest();
      assertTrue(atKill < events, "the store finished before the kill");
      long killedAt = System.nanoTime();
      cluster.kill(killed);
      int newLeader = cluster.awaitLeaderOtherThan(topics.events(), partition, killed, Duration.ofSeconds(60));
      long electedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      String replayed = new String(replay.getInputStream().readAllBytes(), UTF_8);
      assertTrue(replay.waitFor(120, TimeUnit.SECONDS), "replay still running 2 minutes after the kill");
      assertEquals(ExitCodes.OK, replay.exitValue(), replayed + Files.readString(dir.resolve("replay.log")));
      assertTrue(stored.awaitAtLeast(events, 90_000), "stored " + stored.latest() + " of " + events
          + " 90 s after the failover: " + Files.readString(dir.resolve("store.log")));
      Thread.sleep(2_000); // a batch stored twice would show up now
      System.out.printf("cluster store kill: node %d (leader of %s-%d) killed after %d of %d rows stored;"
              + " node %d elected after %d ms; longest stall of stored rows %d ms%n",
          killed, topics.events(), partition, atKill, events, newLeader, electedMillis, stored.longestStallMillis());
    }

    assertEquals(List.of((long) PATCHES, (long) PATCHES), counts("SELECT count(*), count(DISTINCT msgid) FROM patch"));
    assertEquals(List.of((long) COMMENTS, (long) COMMENTS),
        counts("SELECT count(*), count(DISTINCT msgid) FROM patch_comment"));
    assertEquals(List.of(0L), counts("SELECT count(*) FROM unstored_mail"), "no mail dropped or seen as a duplicate");
    assertEquals(List.of(0L), counts("SELECT count(*) FROM poison_event"), "no event set aside");

    store.toHandle().destroy(); // SIGTERM
    String rest = readAll(out);
    assertTrue(store.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
    assertEquals(ExitCodes.OK, store.exitValue(), rest + Files.readString(dir.resolve("store.log")));
    Matcher m = STOPPED.matcher(rest);
    assertTrue(m.find(), rest);
    assertEquals(events, Long.parseLong(m.group(1)), "each event consumed once");
  }

  /** Patches, each followed by a reply to every {@value #REPLY_EVERY}th, which becomes its comment. */
  private static Path writeMbox(Path file) throws IOException {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < PATCHES; i++) {
      mbox.append("From mboxrd@z Thu Jan  1 00:00:00 1970\n").append(ReplayCommandIT.mail(i, LIST_ID)).append('\n');
      if (i % REPLY_EVERY == 0) {
        mbox.append("From mboxrd@z Thu Jan  1 00:00:00 1970\n")
            .append("From: Reviewer <rev@example.org>\nTo: list@example.org\nList-Id: <").append(LIST_ID)
            .append(">\nSubject: Re: [PATCH] fix ").append(i).append("\nDate: Thu, 2 May 2019 16:00:00 +0300\n")
            .append("Message-ID: <re-").append(i).append("@example.org>\nIn-Reply-To: <").append(i)
            .append("@example.org>\nReferences: <").append(i).append("@example.org>\n\nLooks good.\n\n")
            .append("Reviewed-by: Reviewer <rev@example.org>\n\n");
      }
    }
    return Files.writeString(file, mbox);
  }

  private static long storedRows() {
    List<Long> c = counts("SELECT (SELECT count(*) FROM patch) + (SELECT count(*) FROM patch_comment)");
    return c.get(0);
  }

  private static List<Long> counts(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<Long> values = new java.util.ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getLong(i));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
  }

  private static String readAll(BufferedReader out) {
    StringBuilder s = new StringBuilder();
    try {
      for (String line; (line = out.readLine()) != null; ) {
        s.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }
}
