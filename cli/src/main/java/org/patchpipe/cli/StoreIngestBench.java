package org.patchpipe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Placeholder replaced below. */
final class StoreIngestBench {
  private final PrintWriter out;

  StoreIngestBench(PrintWriter out, Path dir, int messages) {
    this.out = out;
  }

  void run() {
    out.println("store ingest: not measured yet");
  }
}
