package org.patchpipe.store.consume;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The single-writer lock: a PostgreSQL session-level advisory lock per consumer name, taken on the
 * very session the store writes on. A batch can therefore only commit while its session holds the
 * lock, and the lock goes when that session goes (the store closes it, its process dies and the
 * kernel closes the socket, or the server restarts). A second store waits as the standby: it keeps
 * its own session and asks for the lock every {@link #POLL} until it is free or the store stops.
 *
 * <p><b>A half-dead holder.</b> A process killed outright closes its TCP connection, so the server
 * ends its session at once. A holder cut off by the network sends nothing more, and the server
 * would keep its session (and the lock) for as long as the kernel's keepalive defaults allow, over
 * two hours on Linux; so every session asks the server to probe it after {@link #KEEPALIVE_IDLE_S}
 * idle seconds and to drop it when probes or sent data stay unanswered for about {@link
 * #DEAD_AFTER_S} seconds ({@code tcp_keepalives_*}, {@code tcp_user_timeout}; settable per
 * session, no superuser needed). The standby then takes over within that time plus one poll. The
 * cut-off holder cannot commit afterwards: its session, and the transaction in it, is gone on the
 * server; its next statement fails when its own kernel gives up on the socket or the network
 * returns, it backs off, and stands by. A holder that is frozen but still connected (stopped with
 * SIGSTOP, a swap storm) still answers the probes from its kernel and keeps the lock: that is safe
 * (nothing is written twice) but stalls the standby until the holder is killed or resumes. Not
 * thread-safe; used from the consumer's thread.
 */
final class WriterLock {
  /** How often a standby asks for the lock. */
  static final Duration POLL = Duration.ofSeconds(1);
  /** The first key of the lock; the second is {@code hashtext(consumer name)}. Unchanged since the first store. */
  static final int KEY = (int) 0x73746f7265L;
  private static final int KEEPALIVE_IDLE_S = 10;
  private static final int KEEPALIVE_INTERVAL_S = 5;
  private static final int KEEPALIVE_COUNT = 3;
  private static final int DEAD_AFTER_S = KEEPALIVE_IDLE_S + KEEPALIVE_INTERVAL_S * KEEPALIVE_COUNT;

  private final StoreConfig config;
  private final StandbyListener listener;

  WriterLock(StoreConfig config, StandbyListener listener) {
    this.config = config;
    this.listener = listener;
  }

  /** The lock, for people: which consumer name and which advisory lock on which database. */
  String describe() {
    return "consumer '" + config.consumerName() + "' (advisory lock " + KEY + ", hashtext('"
        + config.consumerName() + "')) on " + config.jdbcUrl();
  }

  /**
   * A new session that holds the lock, after waiting as the standby while another session holds
   * it.
   *
   * @throws SQLException if the database fails (the caller backs off and asks again), or with
   *     SQLState 57014 (canceled) if {@code stopping} turned true while standing by
   */
  Connection acquire(BooleanSupplier stopping) throws SQLException {
    Connection session = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    try {
      keepAlive(session);
      long waitStart = 0;
      while (!tryLock(session)) {
        if (waitStart == 0) {
          waitStart = System.nanoTime();
          listener.standingBy(describe());
        }
        if (!pause(stopping)) {
          throw new SQLException("stopped while standing by for " + describe(), "57014");
        }
      }
      if (waitStart != 0) {
        listener.tookOver(describe(), Duration.ofNanos(System.nanoTime() - waitStart));
      }
      return session;
    } catch (SQLException | RuntimeException e) {
      try {
        session.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static void keepAlive(Connection session) throws SQLException {
    try (Statement s = session.createStatement()) {
      s.execute("SET tcp_keepalives_idle = " + KEEPALIVE_IDLE_S + "; SET tcp_keepalives_interval = "
          + KEEPALIVE_INTERVAL_S + "; SET tcp_keepalives_count = " + KEEPALIVE_COUNT
          + "; SET tcp_user_timeout = " + DEAD_AFTER_S * 1000);
    }
  }

  private boolean tryLock(Connection session) throws SQLException {
    try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
      ps.setInt(1, KEY);
      ps.setString(2, config.consumerName());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Sleeps one {@link #POLL} in short steps; false as soon as {@code stopping} is true. */
  private static boolean pause(BooleanSupplier stopping) {
    long until = System.nanoTime() + POLL.toNanos();
    while (!stopping.getAsBoolean()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
