package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code patchpipe replay --embedded-broker} end to end: JSON lines when not on a terminal, a
 * summary with counts, meaningful exit codes, and a second run that resumes and publishes nothing.
 */
class ReplayCommandIT {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(new ObjectMapper().readTree(line));
        }
      }
      return nodes;
    }

    JsonNode summary() throws Exception {
      List<JsonNode> lines = lines();
      JsonNode last = lines.get(lines.size() - 1);
      assertEquals("summary", last.get("event").asText(), out);
      return last;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String mail(int i, String listId) {
    return "From: Dev <dev@example.org>\nTo: list@example.org\n"
        + (listId == null ? "" : "List-Id: <" + listId + ">\n")
        + "Subject: [PATCH] fix " + i + "\nDate: Thu, 2 May 2019 15:22:56 +0300\n"
        + "Message-ID: <" + i + "@example.org>\n\nFix it.\n\nSigned-off-by: Dev <dev@example.org>\n---\n"
        + "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-old\n+new " + i + "\n";
  }

  /** Writes an mbox of {@code count} patches, {@link #mail} 0 to count - 1, to {@code file}. */
  static Path writeMbox(Path file, int count, String listId) throws java.io.IOException {
    StringBuilder mbox = new StringBuilder();
    for (int i = 0; i < count; i++) {
      mbox.append("From mboxrd@z Thu Jan  1 00:00:00 1970\n").append(mail(i, listId)).append("\n");
    }
    return Files.writeString(file, mbox);
  }

  @Test
  void replaysWithAnEmbeddedBrokerAndResumesOnASecondRun() throws Exception {
    Path file = writeMbox(dir.resolve("list.mbox"), 40, "test.example.org");
    String[] args = {"replay", "--embedded-broker", "--data-dir", dir.resolve("broker").toString(),
        "--log-format", "json", file.toString()};

    Run first = run(args);
    assertEquals(ExitCodes.OK, first.exitCode(), first.err() + first.out());
    JsonNode summary = first.summary();
    assertEquals(40, summary.get("messages").asInt());
    assertEquals(40, summary.get("published").asInt());
    assertEquals(0, summary.get("deadLetters").asInt());
    assertEquals("source-started", first.lines().get(0).get("event").asText());

    Run second = run(args);
    assertEquals(ExitCodes.OK, second.exitCode(), second.err());
    assertEquals(0, second.summary().get("messages").asInt(), "the second run resumes after the last message");
    assertTrue(second.lines().get(0).get("resumeAfter").asText().startsWith("mbox@"), second.out());
  }

  @Test
  void deadLettersMakeExitCodeOneAndAMissingInputExitCodeTwo() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("mails"));
    Files.writeString(folder.resolve("1.eml"), mail(1, "test.example.org"));
    Files.writeString(folder.resolve("2.eml"), mail(2, null));
    Run partial = run("replay", "--embedded-broker", "--data-dir", dir.resolve("broker").toString(),
        "--log-format", "json", folder.toString());
    assertEquals(ExitCodes.PARTIAL, partial.exitCode(), partial.err());
    assertEquals(1, partial.summary().get("deadLetters").asInt());

    Run missing = run("replay", "--bootstrap-servers", "127.0.0.1:1", dir.resolve("nope.mbox").toString());
    assertEquals(ExitCodes.USAGE, missing.exitCode());
    assertTrue(missing.err().contains("no such file or directory"), missing.err());

    Run neither = run("replay", folder.toString());
    assertEquals(ExitCodes.USAGE, neither.exitCode());
    assertTrue(neither.err().contains("--bootstrap-servers"), neither.err());
  }
}
