package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.store.db.PasswordHash;
import org.patchpipe.store.db.Schema;
import org.patchpipe.store.embedded.EmbeddedPostgres;
import org.patchpipe.store.embedded.PostgresConfig;
import picocli.CommandLine;

/**
 * {@code patchpipe user password} on a real embedded PostgreSQL by {@code --db}: the password comes
 * from a pipe (a separate JVM whose standard input is one) or from {@code --password-file}, is
 * stored only as an Argon2id hash that verifies, and is never printed; an empty password and an
 * unknown user are refused without a change.
 */
class UserPasswordCommandTest {
  @TempDir static Path tmp;
  private static EmbeddedPostgres pg;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = EmbeddedPostgres.start(new PostgresConfig(tmp.resolve("pg"), 0, "patchpipe", false,
        PostgresConfig.defaultBinariesCache()));
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")) {
      Schema.migrate(c);
    }
    assertEquals(ExitCodes.OK, run("user", "add", "alice", "--email", "alice@example.org", "--db", pg.jdbcUrl(),
        "--db-user", pg.user()).exit());
  }

  @AfterAll
  static void stopDatabase() {
    if (pg != null) {
      pg.close();
    }
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

  private static String stored(String username) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        PreparedStatement ps = c.prepareStatement("SELECT password FROM auth_user WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void fromAPipe() throws Exception {
    Path log = tmp.resolve("pipe.log");
    Process p = PatchpipeProcess.start(log,
        List.of("user", "password", "alice", "--db", pg.jdbcUrl(), "--db-user", pg.user()));
    try (OutputStream in = p.getOutputStream()) {
      in.write("pipe d\u00e9j\u00e0 vu\nsecond line ignored\n".getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitCodes.OK, p.exitValue(), Files.readString(log));
    assertEquals("password of alice set\n", out);
    String hash = stored("alice");
    assertTrue(PasswordHash.verify("pipe d\u00e9j\u00e0 vu", hash), hash);
    assertFalse(PasswordHash.verify("pipe d\u00e9j\u00e0 vu\n", hash), "the line ending is not part of it");
    assertFalse(Files.readString(log).contains("vu"), "never logged");
  }

  @Test
  void fromAFile() throws Exception {
    Path file = tmp.resolve("password.txt");
    Files.writeString(file, "from a file\r\n");
    Run run = run("user", "password", "alice", "--password-file", file.toString(), "--db", pg.jdbcUrl(),
        "--db-user", pg.user());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertFalse(run.out().contains("from a file") || run.err().contains("from a file"));
    assertTrue(PasswordHash.verify("from a file", stored("alice")));
  }

  @Test
  void refusedWithoutAChange() throws Exception {
    Path file = tmp.resolve("other.txt");
    Files.writeString(file, "kept\n");
    assertEquals(ExitCodes.OK, run("user", "password", "alice", "--password-file", file.toString(), "--db",
        pg.jdbcUrl(), "--db-user", pg.user()).exit());
    String before = stored("alice");
    Path empty = tmp.resolve("empty.txt");
    Files.writeString(empty, "\n");
    Run blank = run("user", "password", "alice", "--password-file", empty.toString(), "--db", pg.jdbcUrl(),
        "--db-user", pg.user());
    assertNotEquals(ExitCodes.OK, blank.exit());
    assertTrue(blank.err().contains("is empty"), blank.err());
    Run unknown = run("user", "password", "bob", "--password-file", file.toString(), "--db", pg.jdbcUrl(),
        "--db-user", pg.user());
    assertNotEquals(ExitCodes.OK, unknown.exit());
    assertTrue(unknown.err().contains("no user 'bob'"), unknown.err());
    Run missing = run("user", "password", "alice", "--password-file", tmp.resolve("nope").toString(), "--db",
        pg.jdbcUrl(), "--db-user", pg.user());
    assertNotEquals(ExitCodes.OK, missing.exit());
    assertEquals(before, stored("alice"));
    assertTrue(PasswordHash.verify("kept", before));
  }
}
