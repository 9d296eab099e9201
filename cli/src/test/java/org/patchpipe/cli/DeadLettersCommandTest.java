package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;
import picocli.CommandLine;

/**
 * {@code patchpipe store dead-letters list|retry} on a real embedded PostgreSQL by {@code --db},
 * with a set-aside row as the store writes it (the store's own tests set events aside for real;
 * this one is about what the commands show and mark). No store runs here, so a retry stays
 * requested and the command says when it will happen.
 */
class DeadLettersCommandTest {
  @TempDir static Path tmp;
  private static EmbeddedPostgres pg;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = EmbeddedPostgres.start(new PostgresConfig(tmp.resolve("pg"), 0, "patchpipe", false,
        PostgresConfig.defaultBinariesCache()));
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), ""); Statement s = c.createStatement()) {
      Schema.migrate(c);
      s.execute("INSERT INTO poison_event (consumer, topic, partition, \"offset\", key, value, reason, sqlstate)"
          + " VALUES ('patchpipe-store', 'patchpipe.mail.events', 2, 9, 'k', 'v',"
          + " 'ERROR: invalid byte sequence for encoding \"UTF8\": 0x00', '22021')");
    }
  }

  @AfterAll
  static void stopDatabase() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void listShowsWhereTheEventCameFromAndWhy() {
    Run list = run("store", "dead-letters", "list", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(0, list.exit(), list.err());
    String row = list.out().lines().filter(l -> l.contains("patchpipe.mail.events-2@9")).findFirst().orElseThrow();
    assertTrue(row.matches("1\\s+patchpipe\\.mail\\.events-2@9\\s+(pending|retrying)\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
        + "\\s+ERROR: invalid byte sequence.*0x00"), row);
  }

  @Test
  void retryMarksTheRowsAndSaysWhenTheStoreWillRetryThem() throws Exception {
    Run unknown = run("store", "dead-letters", "retry", "99", "--wait", "0", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(ExitCodes.PARTIAL, unknown.exit());
    assertTrue(unknown.out().contains("nothing to retry"), unknown.out());

    Run retry = run("store", "dead-letters", "retry", "--all", "--wait", "1", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(0, retry.exit(), retry.err());
    assertTrue(retry.out().contains("marked 1 event(s) for a retry: [1]"), retry.out());
    assertTrue(retry.out().contains("retries them when 'patchpipe store' or 'patchpipe run' runs"), retry.out());
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT state FROM poison_event WHERE id = 1")) {
      rs.next();
      assertEquals("retrying", rs.getString(1));
    }
  }

  @Test
  void retryWantsIdsOrAll() {
    Run none = run("store", "dead-letters", "retry", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("Missing required"), none.err());
  }

  @Test
  void storeItselfStillWantsBootstrapServers() {
    Run store = run("store", "--db", pg.jdbcUrl(), "--db-user", pg.user());
    assertEquals(2, store.exit());
    assertTrue(store.err().contains("Missing required option: '--bootstrap-servers=HOST:PORT'"), store.err());
  }

  private static Run run(String... args) {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
