package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code patchpipe store} processes on one database: the second stands by (says so, and
 * writes nothing), a third one stopped while standing by exits 0 at once, and while a replay
 * publishes, the active store is killed with SIGKILL twice over: each time the standby takes over
 * within 30 s, and at the end the database has every published patch exactly once.
 */
class StandbyStoreIT {
  private static final Duration TAKEOVER = Duration.ofSeconds(30);
  private static final Pattern TOOK_OVER = Pattern.compile("after standing by for (\\d+) ms");
  private static final String PREFIX = "standby.";
  private static final String LIST = "standby.example.org";

  @TempDir Path dir;
  private StoreProcesses rig;

  @Test
  void theStandbyTakesOverWithin30sOfAKillAndEveryPatchIsStoredOnce() throws Exception {
    int warmUp = 100;
    int total = 1500;
    try (StoreProcesses started = StoreProcesses.start(dir, PREFIX, false)) {
      rig = started;
      takeOverTwice(warmUp, total);
    }
  }

  private void takeOverTwice(int warmUp, int total) throws Exception {
    Process first = replay("first", StoreProcesses.mbox(dir.resolve("first.mbox"), 0, warmUp, LIST));
    assertTrue(first.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, first.exitValue(), Files.readString(dir.resolve("first.log")));

    Process a = store("a");
    rig.awaitPatches(n -> n > 0, Duration.ofSeconds(60));
    Process b = store("b");
    String standingBy = StoreProcesses.awaitLine(dir.resolve("b.log"), "standing by", Duration.ofSeconds(60));
    assertTrue(standingBy.contains("consumer 'patchpipe-store'") && standingBy.contains("advisory lock"), standingBy);

    // A standby stopped by its service manager: exits 0 at once, having written nothing.
    Process c = store("c");
    StoreProcesses.awaitLine(dir.resolve("c.log"), "standing by", Duration.ofSeconds(60));
    Duration cStopped = StoreProcesses.terminate(c, dir.resolve("c.log"), Duration.ofSeconds(15));
    System.out.println("StandbyStoreIT: a standby stopped by SIGTERM exited 0 in " + cStopped.toMillis() + " ms");
    assertTrue(Files.readString(dir.resolve("c.log")).lines().noneMatch(l -> l.contains("took over")));

    // Two messages per Kafka transaction: the replay is still publishing when the stores are killed.
    Process replay = rig.replay("second", StoreProcesses.mbox(dir.resolve("second.mbox"), warmUp, total, LIST),
        "--batch-messages", "2");
    rig.awaitPatches(n -> n > warmUp + 20, Duration.ofSeconds(60));
    boolean replayingAtFirstKill = replay.isAlive();
    long takeoverB = killAndAwaitTakeover(a, "b");

    Process a2 = store("a2");
    StoreProcesses.awaitLine(dir.resolve("a2.log"), "standing by", Duration.ofSeconds(60));
    long atSecondKill = rig.patches();
    rig.awaitPatches(n -> n > atSecondKill + 20 || n >= total, Duration.ofSeconds(60));
    boolean replayingAtSecondKill = replay.isAlive();
    long takeoverA2 = killAndAwaitTakeover(b, "a2");

    assertTrue(replay.waitFor(120, TimeUnit.SECONDS), "replay still running");
    assertEquals(ExitCodes.OK, replay.exitValue(), Files.readString(dir.resolve("second.log")));
    rig.awaitPatches(n -> n >= total, Duration.ofSeconds(120));
    Thread.sleep(2000); // a duplicate written late would show now
    StoreProcesses.assertEachPatchOnce(rig.pg(), total);
    StoreProcesses.terminate(a2, dir.resolve("a2.log"), Duration.ofSeconds(30));
    System.out.println("StandbyStoreIT: takeovers after kill -9 in " + takeoverB + " ms and " + takeoverA2
        + " ms (replay still publishing: " + replayingAtFirstKill + ", " + replayingAtSecondKill + "); " + total
        + " patches, each once");
  }

  /** Kills {@code active} with SIGKILL and waits for {@code standby} to say it took over; returns the ms. */
  private long killAndAwaitTakeover(Process active, String standby) throws Exception {
    long killed = System.nanoTime();
    active.destroyForcibly(); // SIGKILL
    assertTrue(active.waitFor(10, TimeUnit.SECONDS));
    String line = StoreProcesses.awaitLine(dir.resolve(standby + ".log"), "took over", TAKEOVER);
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    Matcher m = TOOK_OVER.matcher(line);
    assertTrue(m.find(), line);
    assertTrue(took < TAKEOVER.toMillis(), "took over " + took + " ms after the kill");
    return took;
  }

  private Process store(String name) throws Exception {
    return rig.store(name);
  }

  private Process replay(String name, Path mbox) throws Exception {
    return rig.replay(name, mbox);
  }
}
