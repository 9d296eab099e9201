package org.patchpipe.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patchpipe.cli.ExitCodes;
import org.patchpipe.cli.PatchpipeCommand;
import org.patchpipe.ingest.imap.DovecotProcess;
import picocli.CommandLine;

/**
 * A short run of {@code bench soak} (the real one lasts 30 minutes and is run by hand): every part
 * runs at once, each interval prints its line, and the end check finds every generated mail
 * stored once, patches, covers and comments alike.
 */
class BenchSoakIT {
  private static final Pattern ROW = Pattern.compile(
      "^\\s+(\\d+)\\s+[\\d.]+\\s+\\d+\\s+\\d+\\s+-?\\d+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");

  @Test
  void aShortSoakReportsEachIntervalAndStoresEveryMailOnce() {
    assumeTrue(DovecotProcess.binary().isPresent(), "dovecot is not installed");
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute("bench", "soak", "--seconds", "32", "--interval-seconds", "8", "--replay-rate", "20");
    String report = out.toString();
    assertEquals(ExitCodes.OK, exit, report + err);
    List<String> rows = report.lines().filter(l -> ROW.matcher(l).matches()).toList();
    assertEquals(4, rows.size(), report);
    for (String row : rows) {
      var m = ROW.matcher(row);
      assertTrue(m.matches());
      assertTrue(Long.parseLong(m.group(2)) > 0, "replayed in every interval: " + row);
      assertTrue(Long.parseLong(m.group(3)) > 0, "stored in every interval: " + row);
      assertTrue(Long.parseLong(m.group(5)) > 0, "API requests in every interval: " + row);
      assertEquals("0", m.group(6), "no API error: " + row);
    }
    assertTrue(report.contains("open file descriptors  minute 1:"), report);
    assertTrue(report.contains("soak: PASSED"), report);
  }

  @Test
  void helpNamesEveryOption() {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    assertEquals(0, cmd.execute("bench", "soak", "--help"));
    for (String option : List.of("--minutes", "--seconds", "--interval-seconds", "--replay-rate", "--imap-rate",
        "--api-clients", "--api-pause-ms", "--thread-margin", "--fd-margin", "--heap-margin-mb", "--durable",
        "--work-dir")) {
      assertTrue(out.toString().contains(option), option + " in " + out);
    }
  }
}
