package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Patchwork-sized synthetic archive for benchmarks, written straight into an empty store: one
 * project, 2,000 people, a series for every five patches, {@code patches} patches spread over the
 * ten states (every seventh archived) with realistic headers, content and diff, and a comment on
 * every third patch. Generated in the database ({@code generate_series}), so 100,000 patches take
 * seconds and nothing is committed to the repository. Lives here because only the store names its
 * tables.
 */
public final class SyntheticArchive {
  private SyntheticArchive() {}

  /**
   * Vacuums until the patch table is all-visible. Freshly bulk-loaded pages are not: counts cannot
   * be index-only until they are, and a bench run would measure that instead of the API (a live
   * store has autovacuum for it). Right after the load, VACUUM sometimes leaves the pages as they
   * are, so it is retried for a few seconds.
   */
  public static double vacuum(Connection connection) throws SQLException, InterruptedException {
    double visible = 0;
    for (int attempt = 0; attempt < 20 && visible < 0.99; attempt++) {
      if (attempt > 0) {
        Thread.sleep(500);
      }
      try (Statement s = connection.createStatement()) {
        s.execute("VACUUM ANALYZE");
        try (var rs = s.executeQuery(
            "SELECT relallvisible::float8 / greatest(relpages, 1) FROM pg_class WHERE relname = 'patch'")) {
          rs.next();
          visible = rs.getDouble(1);
        }
      }
    }
    return visible;
  }

  public static void generate(Connection connection, String listId, int patches) throws SQLException {
    int series = (patches + 4) / 5;
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO project (id, linkname, name, listid, listemail) VALUES"
          + " (1, 'bench', 'bench', '" + listId.replace("'", "''") + "', 'bench@example.com')");
      s.execute("INSERT INTO person (id, email, name) SELECT g, 'dev' || g || '@example.com', 'Developer ' || g"
          + " FROM generate_series(1, 2000) g");
      s.execute("INSERT INTO series (id, project_id, name, date, submitter_id, version, total)"
          + " SELECT g, 1, 'bench: series ' || g, timestamp '2015-01-01' + g * interval '5 minutes',"
          + " 1 + g % 2000, 1 + g % 3, 5 FROM generate_series(1, " + series + ") g");
      s.execute("INSERT INTO patch (id, project_id, msgid, name, date, headers, submitter_id, content, diff,"
          + " hash, series_id, number, state_id, archived)"
          + " SELECT g, 1, '<bench-' || g || '@example.com>',"
          + " '[' || (1 + (g - 1) % 5) || '/5] bench: change number ' || g,"
          + " timestamp '2015-01-01' + g * interval '1 minute',"
          + " 'From: Developer ' || (1 + ((g - 1) / 5) % 2000) || ' <dev' || (1 + ((g - 1) / 5) % 2000) || '@example.com>' || chr(10)"
          + " || 'To: bench@example.com' || chr(10) || 'Subject: [PATCH ' || (1 + (g - 1) % 5) || '/5] bench: change number ' || g || chr(10)"
          + " || 'Date: Thu, 1 Jan 2015 00:00:00 +0000' || chr(10) || 'Message-Id: <bench-' || g || '@example.com>' || chr(10)"
          + " || 'Received: from a.example.com by b.example.com' || chr(10) || 'Received: from c.example.com by d.example.com',"
          + " 1 + ((g - 1) / 5) % 2000,"
          + " 'Change number ' || g || ' makes the bench better.' || chr(10) || chr(10)"
          + " || 'Signed-off-by: Developer <dev@example.com>' || chr(10) || '---' || chr(10) || ' file.c | 1 +' || chr(10),"
          + " 'diff --git a/file.c b/file.c' || chr(10) || '--- a/file.c' || chr(10) || '+++ b/file.c' || chr(10)"
          + " || '@@ -1 +1,2 @@' || chr(10) || ' int x;' || chr(10) || '+int y' || g || ';' || chr(10),"
          + " md5(g::text) || '00000000', 1 + (g - 1) / 5, 1 + (g - 1) % 5, 1 + g % 10, g % 7 = 0"
          + " FROM generate_series(1, " + patches + ") g");
      s.execute("INSERT INTO patch_comment (patch_id, msgid, date, headers, submitter_id, content)"
          + " SELECT g, '<re-bench-' || g || '@example.com>', timestamp '2015-01-01' + g * interval '1 minute' + interval '1 hour',"
          + " 'Subject: Re: bench' || chr(10) || 'Message-Id: <re-bench-' || g || '@example.com>', 1 + g % 2000,"
          + " 'Looks good.' || chr(10) || chr(10) || 'Reviewed-by: Developer <dev@example.com>' || chr(10)"
          + " FROM generate_series(3, " + patches + ", 3) g");
      for (String table : new String[] {"project", "person", "series", "patch"}) {
        s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
      }
      s.execute("CHECKPOINT");
    }
  }
}
