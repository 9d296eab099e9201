package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code patchpipe run} end to end on the shipped sample: real broker, real PostgreSQL, the real
 * parser and tracker. (Resuming without duplicates is proven by EventConsumerIT and ingest's own
 * tests; one run keeps this test to seconds.)
 */
class RunCommandIT {
  @TempDir Path tmp;

  @Test
  void runStoresTheSampleAndServesTheApi() {
    String first = run();
    assertTrue(first.contains("replayed 20 messages"), first);
    assertTrue(first.contains("stored 20 events: 9 patches, 2 covers, 8 comments, 0 replies waiting for their parent,"
        + " 1 not stored"), first);
    assertTrue(first.contains("demo (demo.lists.patchpipe.org): 9 patches, 2 cover letters, 8 comments, 5 series"), first);
    assertTrue(first.contains("REST API at http://127.0.0.1:"), first);
  }

  private String run() {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(new StringWriter()));
    int code = cmd.execute("run", "--data-dir", tmp.resolve("data").toString(), "--api-port", "0", "--exit-when-stored");
    assertEquals(ExitCodes.OK, code, out.toString());
    return out.toString();
  }
}
