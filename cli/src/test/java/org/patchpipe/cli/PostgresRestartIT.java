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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @TempDir Path dir;

  @Test
  void theStoreResumesAfterEachRestartAndStoresEveryPatchOnce() throws Exception {
    int total = 1500;
    // Durable: an immediate shutdown then loses no commit the store was told of, so the store's
    // own count of committed events must equal the published ones too.
    try (StoreProcesses rig = StoreProcesses.start(dir, PREFIX, true)) {
      restartThrice(rig, total);
    }
  }

  private void restartThrice(StoreProcesses rig, int total) throws Exception {
    Process replay = rig.replay("replay", StoreProcesses.mbox(dir.resolve("list.mbox"), 0, total, "pgrestart.example.org"));
    assertTrue(replay.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, replay.exitValue(), Files.readString(rig.log("replay")));

    Path log = rig.log("store");
    Process store = rig.store("store");
    List<String> restarts = new ArrayList<>();
    for (boolean immediate : new boolean[] {false, true, false}) {
      long before = rig.patches();
      long now = rig.awaitPatches(n -> n > before + 100 || n >= total, Duration.ofSeconds(90));
      assertTrue(now < total, "the restart should come mid-store, at " + now + " of " + total);
      long down = System.nanoTime();
      rig.restartPostgres(immediate, Duration.ofSeconds(1));
      long resumed = rig.awaitPatches(n -> n > now, Duration.ofSeconds(60));
      assertTrue(resumed > now, "stored nothing after the restart: " + Files.readString(log));
      restarts.add((immediate ? "immediate" : "fast") + " restart at " + now + " patches, writing again "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down) + " ms after the shutdown began");
      assertTrue(store.isAlive(), "the store died: " + Files.readString(log));
    }
    rig.awaitPatches(n -> n >= total, Duration.ofSeconds(120));
    Thread.sleep(1000); // a duplicate written late would show now
    StoreProcesses.assertEachPatchOnce(rig.pg(), total);

    StoreProcesses.terminate(store, log, Duration.ofSeconds(30));
    String out = Files.readString(StoreProcesses.out(log), StandardCharsets.UTF_8);
    Matcher m = STOPPED.matcher(out);
    assertTrue(m.find(), out + Files.readString(log));
    assertEquals(total, Long.parseLong(m.group(1)), "each event committed once, none dropped or repeated");
    assertTrue(Long.parseLong(m.group(2)) > 0, "the restarts made batches fail and retry: " + out);
    restarts.forEach(r -> System.out.println("PostgresRestartIT: " + r));
  }
}
