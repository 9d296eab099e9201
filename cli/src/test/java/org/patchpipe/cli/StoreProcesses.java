package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.function.LongPredicate;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;

/**
 * What the fault tests of {@code patchpipe store} processes share: a broker and a PostgreSQL in the
 * test's JVM with the store and replay processes started on them (all stopped by {@link
 * #close()}), mboxes of numbered patches, waiting for a process's log to say something, and the
 * database's own account of what was stored (counted in SQL on the test's PostgreSQL, not through
 * the store under test).
 */
final class StoreProcesses implements AutoCloseable {
  private final Path dir;
  private final String prefix;
  private final EmbeddedBroker broker;
  private EmbeddedPostgres pg;
  private final List<Process> started = new ArrayList<>();

  private StoreProcesses(Path dir, String prefix, EmbeddedBroker broker, EmbeddedPostgres pg) {
    this.dir = dir;
    this.prefix = prefix;
    this.broker = broker;
    this.pg = pg;
  }

  /**
   * A broker and a migrated PostgreSQL under {@code dir}, for topics named with {@code prefix};
   * {@code durable} false turns off fsync and synchronous commit (a crash of the server may then
   * lose the last commits it acknowledged).
   */
  static StoreProcesses start(Path dir, String prefix, boolean durable) throws SQLException {
    EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
    EmbeddedPostgres pg = EmbeddedPostgres.start(
        new PostgresConfig(dir.resolve("pg"), 0, "patchpipe", durable, PostgresConfig.defaultBinariesCache()));
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
      Schema.migrate(c); // so the test can count before a store starts
    }
    return new StoreProcesses(dir, prefix, broker, pg);
  }

  EmbeddedPostgres pg() {
    return pg;
  }

  /** {@code patchpipe store} on this database, its standard error in {@code NAME.log}. */
  Process store(String name) throws IOException {
    return started(start(log(name), List.of("store", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic-prefix", prefix, "--db", pg.jdbcUrl(), "--db-user", pg.user(), "--api-port", "0",
        "--max-batch", "10")));
  }

  /** {@code patchpipe replay} of {@code mbox} with {@code options}, its standard error in {@code NAME.log}. */
  Process replay(String name, Path mbox, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("replay", "--bootstrap-servers", broker.bootstrapServers(),
        "--topic-prefix", prefix, "--log-format", "json"));
    args.addAll(List.of(options));
    args.add(mbox.toString());
    return started(start(log(name), args));
  }

  Path log(String name) {
    return dir.resolve(name + ".log");
  }

  /**
   * Shuts the server down (fast: SIGINT, open transactions rolled back; immediate: SIGQUIT, no
   * checkpoint, crash recovery on start) and starts it again on the same data directory and port
   * after {@code down}.
   */
  void restartPostgres(boolean immediate, Duration down) throws Exception {
    if (immediate) {
      Path pidFile = pg.config().dataDir().resolve("postmaster.pid");
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor();
      postmaster.onExit().get(60, TimeUnit.SECONDS);
    }
    pg.close();
    Thread.sleep(down.toMillis());
    pg = EmbeddedPostgres.start(pg.config().withPort(pg.port()));
  }

  private Process started(Process p) {
    started.add(p);
    return p;
  }

  /** Kills whatever process still runs (after a failed test), then stops PostgreSQL and the broker. */
  @Override
  public void close() throws InterruptedException {
    killAll(started);
    pg.close();
    broker.close();
  }

  /** An mbox of patches {@code from} (inclusive) to {@code to} (exclusive), each its own Message-ID. */
  static Path mbox(Path file, int from, int to, String listId) throws IOException {
    StringBuilder mbox = new StringBuilder();
    for (int i = from; i < to; i++) {
      mbox.append("From mboxrd@z Thu Jan  1 00:00:00 1970\n").append(ReplayCommandIT.mail(i, listId)).append("\n");
    }
    return Files.writeString(file, mbox);
  }

  /**
   * Like {@link PatchpipeProcess#start}, with standard output copied to {@link #out}{@code (log)}
   * as it comes, so the process never blocks on it.
   */
  static Process start(Path log, List<String> args) throws IOException {
    Process p = PatchpipeProcess.start(log, args);
    Path out = out(log);
    Thread drain = new Thread(() -> {
      try (java.io.OutputStream file = Files.newOutputStream(out)) {
        p.getInputStream().transferTo(file);
      } catch (IOException e) {
        // The process ended.
      }
    }, "drain-" + log.getFileName());
    drain.setDaemon(true);
    drain.start();
    return p;
  }

  /** Where {@link #start} copies the standard output of the process logging to {@code log}. */
  static Path out(Path log) {
    return log.resolveSibling(log.getFileName() + ".out");
  }

  /** Waits until {@code log} has a line containing {@code text}; returns that line. */
  static String awaitLine(Path log, String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.contains(text)) {
            return line;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no line with '" + text + "' within " + timeout.toSeconds() + " s in " + log + ":\n"
        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  /** Waits until {@code file} has a line matching {@code pattern}; returns its first group. */
  static String awaitMatch(Path file, java.util.regex.Pattern pattern, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        java.util.regex.Matcher m = pattern.matcher(Files.readString(file));
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nothing matching " + pattern + " within " + timeout.toSeconds() + " s in " + file
        + ":\n" + (Files.exists(file) ? Files.readString(file) : "(none)"));
  }

  /** Waits until the stored patches satisfy {@code done}; returns the last count. */
  long awaitPatches(LongPredicate done, Duration timeout) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long patches = patches();
    while (!done.test(patches) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      patches = patches();
    }
    return patches;
  }

  long patches() throws SQLException {
    return count(pg, "SELECT count(*) FROM patch");
  }

  /**
   * Asserts the database holds each of {@code published} patches exactly once: as many patch rows
   * as distinct Message-IDs as published, one patch-created event each, and no mail recorded as
   * a duplicate, dropped or set aside (an event stored twice would show as an R1.5 duplicate).
   */
  static void assertEachPatchOnce(EmbeddedPostgres pg, int published) throws SQLException {
    assertEquals(published, count(pg, "SELECT count(*) FROM patch"), "patch rows");
    assertEquals(published, count(pg, "SELECT count(DISTINCT msgid) FROM patch"), "distinct Message-IDs");
    assertEquals(published, count(pg, "SELECT count(*) FROM event WHERE category = 'patch-created'"), "events");
    assertEquals(0, count(pg, "SELECT count(*) FROM unstored_mail"), "mail stored twice shows as a duplicate");
    assertEquals(0, count(pg, "SELECT count(*) FROM poison_event"), "nothing set aside");
  }

  static long count(EmbeddedPostgres pg, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** SIGTERM, then asserts exit 0 within {@code within}; returns the time it took. */
  static Duration terminate(Process p, Path log, Duration within) throws IOException, InterruptedException {
    long start = System.nanoTime();
    p.toHandle().destroy();
    assertTrue(p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS),
        "still running " + within.toSeconds() + " s after SIGTERM: " + Files.readString(log));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(ExitCodes.OK, p.exitValue(), Files.readString(log));
    return took;
  }

  /** Kills whatever of {@code processes} still runs (after a failed test). */
  static void killAll(List<Process> processes) throws InterruptedException {
    for (Process p : new ArrayList<>(processes)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
