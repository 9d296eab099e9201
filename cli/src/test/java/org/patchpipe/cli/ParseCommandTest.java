package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code patchpipe parse} end to end on a small mbox (output keys, series, late replies, errors) and
 * on input a user would give: a lone {@code git format-patch} file or mail without a List-Id parses
 * into the default project, which the summary names, and every file of Patchwork's fuzz folder
 * parses with one record per mail (that part skips where {@code ../shared} is absent).
 */
class ParseCommandTest {
  private static final List<String> KEYS =
      List.of("source", "msgid", "kind", "name", "prefixes", "date", "submitter", "hash", "pull_url",
          "content", "diff", "headers", "number", "series", "parent", "tags", "error");
  private static final Set<String> KINDS = Set.of("patch", "cover", "comment", "other", "error");

  private record Run(int exit, List<JsonNode> lines, String err) {}

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ParseCommandTest.class.getResource("/parse/" + name).toURI());
  }

  private static Run run(String... args) throws IOException {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "parse";
    System.arraycopy(args, 0, full, 1, args.length);
    int exit = cmd.execute(full);
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String line : out.toString().split("\n")) {
      if (!line.isEmpty()) {
        lines.add(mapper.readTree(line));
      }
    }
    return new Run(exit, lines, err.toString());
  }

  @Test
  void printsOneLinePerMessageWithFinalSeriesAndALateReply() throws Exception {
    Run run = run(fixture("series-with-early-reply.mbox").toString());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertEquals(5, run.lines().size());
    for (JsonNode line : run.lines()) {
      List<String> keys = new ArrayList<>();
      line.fieldNames().forEachRemaining(keys::add);
      assertEquals(KEYS, keys);
    }
    JsonNode reply = run.lines().get(0);
    JsonNode cover = run.lines().get(1);
    JsonNode p1 = run.lines().get(2);
    JsonNode p2 = run.lines().get(3);
    assertEquals("comment", reply.get("kind").asText(), "kept once its parent arrived");
    assertEquals("<p1@example.com>", reply.get("parent").asText());
    assertEquals("cover", cover.get("kind").asText());
    assertEquals("patch", p1.get("kind").asText());
    assertEquals("[1/2] lib: add one", p1.get("name").asText());
    assertEquals(1, p1.get("number").asInt());
    assertEquals(2, p2.get("number").asInt());
    for (JsonNode kept : List.of(cover, p1, p2)) {
      assertEquals("<c@example.com>", kept.get("series").get("key").asText());
      assertEquals(2, kept.get("series").get("total").asInt());
    }
    assertEquals(1, p1.get("tags").get("R").asInt(), "the late review counts");
    assertEquals("2024-01-01T10:00:01", p1.get("date").asText());
    assertEquals("Alice Example", p1.get("submitter").get("name").asText());
    assertTrue(p1.get("source").asText().contains("series-with-early-reply.mbox"));
    assertEquals("error", run.lines().get(4).get("kind").asText());
    assertTrue(run.err().contains("5 messages"), run.err());
    assertTrue(run.err().contains("1 attached once their parent arrived"), run.err());
  }

  @Test
  void dropOrphanRepliesBehavesLikePatchwork() throws Exception {
    Run run = run("--drop-orphan-replies", fixture("series-with-early-reply.mbox").toString());
    assertEquals("other", run.lines().get(0).get("kind").asText());
    assertEquals(0, run.lines().get(2).get("tags").get("R").asInt());
  }

  @Test
  void unreadableInputIsReportedAndTheRestStillParsed(@TempDir Path dir) throws Exception {
    Run run = run(dir.resolve("missing.mbox").toString(), fixture("series-with-early-reply.mbox").toString(),
        "--list-id", "test.example.com");
    assertEquals(ExitCodes.PARTIAL, run.exit());
    assertEquals(5, run.lines().size());
    assertTrue(run.err().contains("missing.mbox: no such file or directory"), run.err());
  }

  @Test
  void readsAFolderOfMessageFilesAndASingleMessageFile(@TempDir Path dir) throws Exception {
    String patch = "From: Alice <alice@example.com>\nSubject: [PATCH] fix\nMessage-Id: <f@x>\n"
        + "Date: Mon, 01 Jan 2024 10:00:00 +0000\n\nFix.\n---\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n";
    String reply = "From: Bob <bob@example.com>\nSubject: Re: [PATCH] fix\nMessage-Id: <r@x>\n"
        + "In-Reply-To: <f@x>\nDate: Mon, 01 Jan 2024 11:00:00 +0000\n\nAcked-by: Bob <bob@example.com>\n";
    Path folder = java.nio.file.Files.createDirectory(dir.resolve("mails"));
    java.nio.file.Files.writeString(folder.resolve("1.eml"), patch);
    java.nio.file.Files.writeString(folder.resolve("2.eml"), reply);
    Run run = run("--list-id", "test.example.com", folder.toString());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertEquals(List.of("patch", "comment"), run.lines().stream().map(l -> l.get("kind").asText()).toList());
    assertEquals(1, run.lines().get(0).get("tags").get("A").asInt());
    assertEquals("<f@x>", run.lines().get(1).get("parent").asText());

    Run single = run("--list-id", "test.example.com", folder.resolve("1.eml").toString());
    assertEquals(1, single.lines().size());
    assertEquals("fix", single.lines().get(0).get("name").asText());
  }

  @Test
  void helpExplainsInputsAndKeys() {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    assertEquals(0, cmd.execute("parse", "--help"));
    assertTrue(out.toString().contains("--list-id"));
    assertTrue(out.toString().contains("Maildir"));
    assertTrue(out.toString().contains("--drop-orphan-replies"));
  }

  @Test
  void aFormatPatchFileWithoutListIdParsesIntoPatchworksTestProject(@TempDir Path dir) throws Exception {
    Path patch = dir.resolve("0001-fix.patch");
    Files.writeString(patch, "From 3b1f2c0de4a5b6c7d8e9f00112233445566778899 Mon Sep 17 00:00:00 2001\n"
        + "From: Alice <alice@example.com>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n"
        + "Subject: [PATCH] test: fix the frobnicator\n\nIt was broken.\n\nSigned-off-by: Alice <alice@example.com>\n"
        + "---\n f.c | 2 +-\n 1 file changed\n\ndiff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
        + "@@ -1 +1 @@\n-a\n+b\n-- \n2.43.0\n\n");
    Run run = run(patch.toString());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertEquals(1, run.lines().size(), run.err());
    assertEquals("patch", run.lines().get(0).get("kind").asText());
    assertEquals("test: fix the frobnicator", run.lines().get(0).get("name").asText());
    assertTrue(run.err().contains("project test (list id test.example.com, the default"), run.err());
  }

  @Test
  void theSummaryNamesTheProjectTakenFromTheMail(@TempDir Path dir) throws Exception {
    Path mail = dir.resolve("1.eml");
    Files.writeString(mail, "From: Alice <alice@example.com>\nSubject: [PATCH] fix\nMessage-Id: <f@x>\n"
        + "X-Mailing-List: <dev.lists.example.org>\n\nFix.\n---\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");
    Run run = run(mail.toString());
    assertEquals(ExitCodes.OK, run.exit(), run.err());
    assertTrue(run.err().contains("project dev (list id dev.lists.example.org, from the first message's list header)"),
        run.err());
    Run chosen = run("--list-id", "other.example.org", mail.toString());
    assertTrue(chosen.err().contains("project other (list id other.example.org, from --list-id)"), chosen.err());
  }

  @Test
  void everyFileOfPatchworksFuzzFolderParsesWithOneRecordPerMail() throws Exception {
    String property = System.getProperty("patchpipe.shared");
    Path fuzz = Path.of(property != null ? property : "../shared").resolve("corpus/patchwork-tests/fuzz");
    assumeTrue(Files.isDirectory(fuzz), "skipped: " + fuzz.toAbsolutePath() + " is absent (needs ../shared)");
    List<Path> files;
    try (Stream<Path> list = Files.list(fuzz)) {
      files = list.filter(p -> p.toString().endsWith(".mbox")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no mail in " + fuzz);
    for (Path file : files) {
      Run run = run(file.toString());
      assertEquals(ExitCodes.OK, run.exit(), file + ": " + run.err());
      assertEquals(mboxMessages(Files.readAllBytes(file)), run.lines().size(), file + ": " + run.err());
      for (JsonNode line : run.lines()) {
        assertTrue(KINDS.contains(line.get("kind").asText()), file + ": " + line);
      }
      // Two of them carry a List-Id; the others have no list and parse into the default project.
      assertTrue(run.err().contains("parse: project "), file + ": " + run.err());
    }
  }

  /** Messages in {@code bytes} as an mbox reader splits them: at each line starting "From ", else one. */
  private static int mboxMessages(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("From ")) {
      return 1;
    }
    int n = 0;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("From ")) {
        n++;
      }
    }
    return n;
  }
}
