package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Input a user would give {@code patchpipe parse}: a lone {@code git format-patch} file or mail
 * without a List-Id parses into the default project (and the summary says so), and every file of
 * Patchwork's fuzz folder parses with one record per mail. The fuzz part skips where {@code
 * ../shared} is absent.
 */
class ParseDefaultProjectTest {
  private static final Set<String> KINDS = Set.of("patch", "cover", "comment", "other", "error");

  private record Run(int exit, List<JsonNode> lines, String err) {}

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
    assertFalse(files.isEmpty(), "no mail in " + fuzz);
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
