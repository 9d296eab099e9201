package org.patchpipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** The revisions of {@code revisions link}'s fixture are linked by {@code run} itself, as their series complete. */
  @Test
  void runLinksRevisionsWithoutBeingAsked() throws Exception {
    Path mbox = Path.of(getClass().getResource("/revisions/demo.mbox").toURI());
    String out = run(mbox.toString(), "--list-id", "demo.lists.example.org");
    assertTrue(out.contains("patchpipe run: 2 series linked to their earlier revision"), out);
  }

  private String run(String... inputs) {
    CommandLine cmd = PatchpipeCommand.newCommandLine();
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(new StringWriter()));
    List<String> args = new ArrayList<>(List.of("run", "--data-dir", tmp.resolve("data").toString(), "--api-port", "0",
        "--exit-when-stored"));
    args.addAll(List.of(inputs));
    int code = cmd.execute(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, code, out.toString());
    return out.toString();
  }
}
