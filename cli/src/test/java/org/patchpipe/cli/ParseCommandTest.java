package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code patchpipe parse} end to end on a small mbox: output keys, series, late replies, errors. */
class ParseCommandTest {
  private static final List<String> KEYS =
      List.of("source", "msgid", "kind", "name", "prefixes", "date", "submitter", "hash", "pull_url",
          "content", "diff", "headers", "number", "series", "parent", "tags", "error");

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
}
