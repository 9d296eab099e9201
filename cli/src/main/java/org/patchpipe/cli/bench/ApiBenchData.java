package org.patchpipe.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;
import org.patchpipe.store.db.SyntheticArchive;

/**
 * The API benchmark's data: the store's {@link SyntheticArchive} for one list,
 * {@value #LIST_ID}.
 */
final class ApiBenchData {
  static final String LIST_ID = "bench.example.com";

  private ApiBenchData() {}

  /** See {@link SyntheticArchive#vacuum}. */
  static double vacuum(Connection connection) throws SQLException, InterruptedException {
    return SyntheticArchive.vacuum(connection);
  }

  static void generate(Connection connection, int patches) throws SQLException {
    SyntheticArchive.generate(connection, LIST_ID, patches);
  }
}
