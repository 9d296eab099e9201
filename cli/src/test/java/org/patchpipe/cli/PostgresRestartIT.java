package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.store.embedded.EmbeddedPostgres;

/**
 * A real {@code patchpipe store} process while its PostgreSQL server is restarted under it, three
 * times (fast, immediate, fast shutdown; started again on the same data directory and port): it
 * backs off, reconnects, takes its single-writer lock again, and resumes from the offsets stored
 * with the rows; at the end every patch is stored exactly once, and the store counts each event
 * once.
 */
class PostgresRestartIT {
  private static final Pattern STOPPED = Pattern.compile("stopped by SIGTERM after (\\d+) events: .*, (\\d+) retried");
  private static final String PREFIX = "pgrestart.";

  @TempDir static Path shared;
  static EmbeddedBroker broker;
  static EmbeddedPostgres pg;
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(shared.resolve("broker")));
    // Durable: an immediate shutdown then loses no commit the store was told of, so the store's
    // own count of committed events must equal the published ones too.
    pg = StoreProcesses.database(shared.resolve("pg"), true);
  }

  @AfterAll
  static void stop() {
    pg.close();
    broker.close();
  }

  @AfterEach
  void killLeftovers() throws InterruptedException {
    StoreProcesses.killAll(started);
  }

  @Test
  void theStoreResumesAfterEachRestartAndStoresEveryPatchOnce() throws Exception {
    int total = 1500;
    Process replay = StoreProcesses.replay(broker.bootstrapServers(), PREFIX,
        StoreProcesses.mbox(dir.resolve("list.mbox"), 0, total, "pgrestart.example.org"), dir.resolve("replay.log"));
    started.add(replay);
    assertTrue(replay.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, replay.exitValue(), Files.readString(dir.resolve("replay.log")));

    Path log = dir.resolve("store.log");
    Process store = StoreProcesses.store(pg, broker.bootstrapServers(), PREFIX, log);
    started.add(store);
    List<String> restarts = new ArrayList<>();
    for (boolean immediate : new boolean[] {false, true, false}) {
      long before = StoreProcesses.patches(pg);
      long now = StoreProcesses.awaitPatches(pg, n -> n > before + 100 || n >= total, Duration.ofSeconds(90));
      assertTrue(now < total, "the restart should come mid-store, at " + now + " of " + total);
      long down = System.nanoTime();
      pg = restart(pg, immediate);
      long resumed = StoreProcesses.awaitPatches(pg, n -> n > now, Duration.ofSeconds(60));
      assertTrue(resumed > now, "stored nothing after the restart: " + Files.readString(log));
      restarts.add((immediate ? "immediate" : "fast") + " restart at " + now + " patches, writing again "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down) + " ms after the shutdown began");
      assertTrue(store.isAlive(), "the store died: " + Files.readString(log));
    }
    StoreProcesses.awaitPatches(pg, n -> n >= total, Duration.ofSeconds(120));
    Thread.sleep(1000); // a duplicate written late would show now
    StoreProcesses.assertEachPatchOnce(pg, total);

    StoreProcesses.terminate(store, log, Duration.ofSeconds(30));
    String out = Files.readString(StoreProcesses.out(log), StandardCharsets.UTF_8);
    Matcher m = STOPPED.matcher(out);
    assertTrue(m.find(), out + Files.readString(log));
    assertEquals(total, Long.parseLong(m.group(1)), "each event committed once, none dropped or repeated");
    assertTrue(Long.parseLong(m.group(2)) > 0, "the restarts made batches fail and retry: " + out);
    restarts.forEach(r -> System.out.println("PostgresRestartIT: " + r));
  }

  /**
   * Shuts the server down (fast: SIGINT, open transactions rolled back; immediate: SIGQUIT, no
   * checkpoint, crash recovery on start) and starts it again on the same data directory and port.
   */
  private static EmbeddedPostgres restart(EmbeddedPostgres server, boolean immediate) throws Exception {
    if (immediate) {
      Path pidFile = server.config().dataDir().resolve("postmaster.pid");
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor();
      postmaster.onExit().get(60, TimeUnit.SECONDS);
    }
    server.close();
    Thread.sleep(1000); // down long enough for the store to fail and back off
    return EmbeddedPostgres.start(server.config().withPort(server.port()));
  }
}
