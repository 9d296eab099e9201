package org.patchpipe.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server that needs no installed PostgreSQL: the binaries come from Maven Central
 * (see {@link PostgresBinaries}), the data directory stays on disk and is reused on the next start.
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = EmbeddedPostgres.start(PostgresConfig.of(Path.of("data/pg")))) {
 *   Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
 * }
 * }</pre>
 *
 * <p>The server listens on 127.0.0.1 only and trusts local connections as user {@code postgres}.
 * Under root it runs as {@code nobody} ({@link ServerAccount}). {@link #close()} asks for a fast
 * shutdown and waits for it. Thread-safe. Start failures are {@link IllegalStateException}s whose
 * message quotes the server's log.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final String SUPERUSER = "postgres";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final PostgresConfig config;
  private final int port;
  private final Process server;
  private final Path log;

  private EmbeddedPostgres(PostgresConfig config, int port, Process server, Path log) {
    this.config = config;
    this.port = port;
    this.server = server;
    this.log = log;
  }

  /**
   * Starts a server on {@code config}'s data directory, initialising it first if it is empty, and
   * creates the configured database if it does not exist.
   *
   * @throws IllegalStateException if initdb or the server fails, with the reason from its log
   * @throws UncheckedIOException if the data directory cannot be prepared
   */
  public static EmbeddedPostgres start(PostgresConfig config) {
    PostgresBinaries binaries = PostgresBinaries.unpack(config.binariesCache());
    ServerAccount account = ServerAccount.forCurrentProcess();
    Path data = config.dataDir();
    try {
      if (!Files.exists(data.resolve("PG_VERSION"))) {
        initdb(binaries, account, config);
      }
      int port = config.port() != 0 ? config.port() : freePort();
      Path log = data.resolve("postgres.log");
      List<String> command = new ArrayList<>(List.of(
          binaries.bin("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
          "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
          "-c", "max_connections=60", "-c", "shared_buffers=64MB",
          "-c", "logging_collector=off"));
      if (!config.durable()) {
        command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
      }
      ProcessBuilder pb = new ProcessBuilder(account.command(command))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      environment(pb.environment(), binaries);
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      Process server = pb.start();
      EmbeddedPostgres pg = new EmbeddedPostgres(config, port, server, log);
      try {
        pg.awaitReady(logStart);
        pg.createDatabase();
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare PostgreSQL data directory " + data, e);
    }
  }

  private static void initdb(PostgresBinaries binaries, ServerAccount account, PostgresConfig config)
      throws IOException {
    Path data = config.dataDir();
    Files.createDirectories(data);
    try (var entries = Files.list(data)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalStateException(
            "data directory " + data + " is not empty and holds no PostgreSQL cluster: choose an empty or new directory");
      }
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    account.own(data);
    List<String> command = new ArrayList<>(List.of(
        binaries.bin("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust",
        "-E", "UTF8", "--locale=C", "--no-instructions"));
    if (!config.durable()) {
      command.add("--no-sync");
    }
    ProcessBuilder pb = new ProcessBuilder(account.command(command)).redirectErrorStream(true);
    environment(pb.environment(), binaries);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("initdb failed for " + data + " as " + account + ":\n" + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during initdb", e);
    }
  }

  private static void environment(Map<String, String> env, PostgresBinaries binaries) {
    env.put("LC_ALL", "C");
    env.put("LD_LIBRARY_PATH", binaries.lib().toString());
    env.remove("PGDATA");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady(long logStart) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "PostgreSQL exited with " + server.exitValue() + " on " + config.dataDir() + ":\n" + logSince(logStart));
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while PostgreSQL started", e);
      }
    }
    throw new IllegalStateException(
        "PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds() + "s (" + last + "):\n"
            + logSince(logStart));
  }

  private String logSince(long offset) {
    try {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(offset, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  private void createDatabase() {
    createDatabase(config.database());
  }

  /**
   * Creates database {@code name} unless it exists. Names are plain lower-case identifiers.
   *
   * @throws IllegalStateException if the server refuses
   */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
        PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The port of a server already running on {@code dataDir} (another patchpipe process), read
   * from its {@code postmaster.pid}; empty when none runs there. Lets {@code patchpipe user} reach
   * the database of a running {@code patchpipe run} without starting a second server.
   */
  public static java.util.OptionalInt runningPort(Path dataDir) {
    Path pidFile = dataDir.toAbsolutePath().resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      if (lines.size() < 4) {
        return java.util.OptionalInt.empty();
      }
      long pid = Long.parseLong(lines.get(0).strip());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return java.util.OptionalInt.of(Integer.parseInt(lines.get(3).strip()));
      }
      return java.util.OptionalInt.empty();
    } catch (IOException | NumberFormatException e) {
      // No pid file, or one being written: no server to join.
      return java.util.OptionalInt.empty();
    }
  }

  /** The JDBC URL of the configured database. */
  public String jdbcUrl() {
    return jdbcUrl(config.database());
  }

  /** The JDBC URL of database {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The superuser to connect as (no password: the server trusts 127.0.0.1). */
  public String user() {
    return SUPERUSER;
  }

  public int port() {
    return port;
  }

  public PostgresConfig config() {
    return config;
  }

  /** Fast shutdown (SIGINT): rolls back open transactions, then waits up to 60 s for the server. */
  @Override
  public void close() {
    if (!server.isAlive()) {
      return;
    }
    try {
      // SIGTERM would be a "smart" shutdown that waits for every client to leave; SIGINT does not.
      new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    } catch (IOException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[" + jdbcUrl() + ", data " + config.dataDir() + "]";
  }
}
