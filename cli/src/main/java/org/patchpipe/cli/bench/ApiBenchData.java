package org.patchpipe.cli.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.patchpipe.store.db.SyntheticArchive;
import org.patchpipe.store.runtime.StoreRuntime;

/**
 * The API benchmark's data: the store's {@link SyntheticArchive} for one list,
 * {@value #LIST_ID}.
 */
final class ApiBenchData {
  static final String LIST_ID = "bench.example.com";

  private ApiBenchData() {}

  /**
   * Generates {@code patches} into {@code pg} and vacuums them (so that lists can be answered from
   * the index alone), printing how long it took and how much of the table is all-visible.
   */
  static void generate(StoreRuntime pg, int patches, PrintWriter out) throws SQLException, InterruptedException {
    long t0 = System.nanoTime();
    try (Connection c = pg.connect()) {
      SyntheticArchive.generate(c, LIST_ID, patches);
    }
    double visible;
    try (Connection c = pg.connect()) {
      visible = SyntheticArchive.vacuum(c);
    }
    out.printf(Locale.ROOT, "generated %,d patches in %.1f s, %.0f%% of pages all-visible (PostgreSQL %s)%n",
        patches, (System.nanoTime() - t0) / 1e9, visible * 100, pg.startedServer());
    out.flush();
  }
}
