package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * {@code patchpipe webhook} on a real embedded PostgreSQL by {@code --db}: add with a secret from a
 * file or generated into a new owner-only file, list, deliveries and remove; the secret is stored
 * but never printed; bad secrets, URLs, projects and categories are refused with a usage error.
 */
class WebhookCommandTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  @TempDir static Path tmp;
  private static EmbeddedPostgres pg;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void startDatabase() throws Exception {
    pg = EmbeddedPostgres.start(new PostgresConfig(tmp.resolve("pg"), 0, "patchpipe", false,
        PostgresConfig.defaultBinariesCache()));
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), ""); Statement s = c.createStatement()) {
      Schema.migrate(c);
      s.execute("INSERT INTO project (linkname, name, listid, listemail) VALUES"
          + " ('demo', 'demo', 'demo.example.org', 'demo@example.org')");
    }
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
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db";
    all[args.length + 1] = pg.jdbcUrl();
    all[args.length + 2] = "--db-user";
    all[args.length + 3] = pg.user();
    int exit = cmd.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String storedSecret(long id) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT secret FROM webhook WHERE id = " + id)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void addListDeliveriesRemoveNeverPrintingTheSecret() throws Exception {
    Path file = tmp.resolve("secret");
    Files.writeString(file, SECRET + "\n");
    Run add = run("webhook", "add", "--url", "https://ci.example.org/hook", "--secret-file", file.toString(),
        "--project", "demo", "--category", "patch-created", "--category", "check-created");
    assertEquals(ExitCodes.OK, add.exit(), add.err());
    long id = Long.parseLong(add.out().replaceAll("(?s)created webhook (\\d+) .*", "$1"));
    assertEquals(SECRET, storedSecret(id));

    Path generatedFile = tmp.resolve("generated.secret");
    Run generated = run("webhook", "add", "--url", "http://127.0.0.1:9/hook", "--generate-secret",
        "--secret-file", generatedFile.toString());
    assertEquals(ExitCodes.OK, generated.exit(), generated.err());
    long second = Long.parseLong(generated.out().replaceAll("(?s)created webhook (\\d+) .*", "$1"));
    String written = Files.readString(generatedFile).strip();
    assertTrue(written.startsWith("whsec_"), "a Standard Webhooks secret");
    assertEquals(written, storedSecret(second));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generatedFile)));

    Run list = run("webhook", "list");
    assertEquals(ExitCodes.OK, list.exit(), list.err());
    assertTrue(list.out().contains("https://ci.example.org/hook"), list.out());
    assertTrue(list.out().contains("patch-created,check-created"), list.out());
    assertTrue(list.out().contains("demo"), list.out());
    for (Run r : new Run[] {add, generated, list}) {
      String printed = r.out() + r.err();
      assertFalse(printed.contains(SECRET.substring(6)) || printed.contains(written.substring(6)),
          "a secret was printed: " + printed);
    }

    Run deliveries = run("webhook", "deliveries", Long.toString(id));
    assertEquals(ExitCodes.OK, deliveries.exit(), deliveries.err());
    assertTrue(deliveries.out().startsWith("WEBHOOK"), deliveries.out());

    Run remove = run("webhook", "remove", Long.toString(id));
    assertEquals(ExitCodes.OK, remove.exit(), remove.err());
    assertEquals(null, storedSecret(id));
    assertFalse(run("webhook", "list").out().contains("https://ci.example.org/hook"));
    assertEquals(ExitCodes.USAGE, run("webhook", "remove", Long.toString(id)).exit());
  }

  @Test
  void refusesBadInputWithoutEchoingTheSecret() throws Exception {
    Path bad = tmp.resolve("bad.secret");
    Files.writeString(bad, "not-a-secret-value\n");
    Run badSecret = run("webhook", "add", "--url", "https://x.example/h", "--secret-file", bad.toString());
    assertEquals(ExitCodes.USAGE, badSecret.exit());
    assertTrue(badSecret.err().contains("whsec_"), badSecret.err());
    assertFalse(badSecret.err().contains("not-a-secret-value"), badSecret.err());

    Path good = tmp.resolve("good.secret");
    Files.writeString(good, SECRET);
    assertEquals(ExitCodes.USAGE, run("webhook", "add", "--url", "https://x.example/h").exit(), "no secret");
    assertEquals(ExitCodes.USAGE, run("webhook", "add", "--url", "https://x.example/h",
        "--secret-env", "PATCHPIPE_TEST_UNSET_VARIABLE").exit(), "an empty variable");
    assertEquals(ExitCodes.USAGE, run("webhook", "add", "--url", "ftp://x.example/h",
        "--secret-file", good.toString()).exit(), "not http");
    assertEquals(ExitCodes.USAGE, run("webhook", "add", "--url", "https://x.example/h",
        "--secret-file", good.toString(), "--project", "nope").exit(), "no such project");
    Run category = run("webhook", "add", "--url", "https://x.example/h", "--secret-file", good.toString(),
        "--category", "patch-eaten");
    assertEquals(ExitCodes.USAGE, category.exit());
    assertTrue(category.err().contains("patch-created"), category.err());
    assertEquals(ExitCodes.USAGE, run("webhook", "add", "--url", "https://x.example/h", "--generate-secret",
        "--secret-file", good.toString()).exit(), "an existing file is not overwritten");
    assertEquals(SECRET, Files.readString(good));
  }
}
