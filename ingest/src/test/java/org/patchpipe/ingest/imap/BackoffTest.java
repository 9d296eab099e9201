package org.patchpipe.ingest.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterUpToTheCapAndResets() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(3));
    long[] bases = {100, 200, 400, 800, 1600, 2000, 2000};
    for (long base : bases) {
      long d = backoff.next().toMillis();
      assertTrue(d >= base / 2 && d <= base, d + " within [" + base / 2 + ", " + base + "]");
    }
    backoff.reset();
    assertTrue(backoff.next().toMillis() <= 100);
  }

  @Test
  void jitterSpreadsDaemonsCutOffTogether() {
    Set<Long> firstDelays = new HashSet<>();
    for (int seed = 0; seed < 20; seed++) {
      Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(60), new SplittableRandom(seed));
      firstDelays.add(b.next().toMillis());
    }
    assertTrue(firstDelays.size() > 15, "delays differ: " + firstDelays);
  }

  @Test
  void hugeFailureCountsStayAtTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), new Random(1));
    for (int i = 0; i < 100; i++) b.next();
    long d = b.next().toMillis();
    assertTrue(d >= 30_000 && d <= 60_000, Long.toString(d));
    assertEquals(Duration.ofSeconds(60), ImapSettings.DEFAULTS.backoffMax());
  }
}
