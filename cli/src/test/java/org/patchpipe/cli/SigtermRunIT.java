package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;

/**
 * {@code patchpipe run} in a real child process, stopped with SIGTERM while its store catches up:
 * it commits the batch in hand, reports and exits 0 (not 143); run again on the same data
 * directory it stores the rest, and the database holds every patch exactly once.
 */
class SigtermRunIT {
  private static final Pattern POSTGRES = Pattern.compile("PostgreSQL at (jdbc:postgresql://\\S+)");
  private static final Pattern STOPPED = Pattern.compile(
      "patchpipe run: stopped by SIGTERM after \\d+ messages replayed, (\\d+) events: .* stored; run again to resume");
  private static final Pattern STORED = Pattern.compile("patchpipe run: stored (\\d+) events:");

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    StoreProcesses.killAll(started);
  }

  @Test
  void sigtermMidStoreExitsZeroAndARerunStoresEveryPatchExactlyOnce() throws Exception {
    int total = 3000;
    Path mbox = StoreProcesses.mbox(dir.resolve("list.mbox"), 0, total, "sigrun.example.org");
    List<String> args = List.of("run", "--data-dir", dir.resolve("data").toString(), "--api-port", "0",
        mbox.toString());

    Path firstLog = dir.resolve("first.log");
    Process first = StoreProcesses.start(firstLog, args);
    started.add(first);
    String jdbcUrl = StoreProcesses.awaitMatch(StoreProcesses.out(firstLog), POSTGRES, Duration.ofSeconds(120));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (patches(jdbcUrl) == 0 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Duration stopping = StoreProcesses.terminate(first, firstLog, Duration.ofSeconds(40));
    long firstStored = Long.parseLong(
        StoreProcesses.awaitMatch(StoreProcesses.out(firstLog), STOPPED, Duration.ofSeconds(5)));
    assertTrue(firstStored > 0 && firstStored < total, "stopped mid-store, after " + firstStored + " of " + total);

    Path secondLog = dir.resolve("second.log");
    List<String> again = new ArrayList<>(args);
    again.add(1, "--exit-when-stored");
    Process second = StoreProcesses.start(secondLog, again);
    started.add(second);
    assertTrue(second.waitFor(180, TimeUnit.SECONDS), Files.readString(secondLog));
    assertEquals(ExitCodes.OK, second.exitValue(), Files.readString(secondLog));
    long secondStored = Long.parseLong(
        StoreProcesses.awaitMatch(StoreProcesses.out(secondLog), STORED, Duration.ofSeconds(5)));
    assertEquals(total, firstStored + secondStored, "each event stored by exactly one of the two runs");

    System.out.println("SigtermRunIT: SIGTERM after " + firstStored + " of " + total + " events, exit 0 in "
        + stopping.toMillis() + " ms; the rerun stored " + secondStored);
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(PostgresConfig.of(dir.resolve("data").resolve("postgres")))) {
      StoreProcesses.assertEachPatchOnce(pg, total);
    }
  }

  private static long patches(String jdbcUrl) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM patch")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return 0; // not migrated yet
    }
  }
}
