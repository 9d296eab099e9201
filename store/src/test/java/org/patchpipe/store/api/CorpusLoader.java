package org.patchpipe.store.api;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.series.SeriesTracker;
import org.patchpipe.parser.testing.Corpus;
import org.patchpipe.parser.testing.MboxSplitter;
import org.patchpipe.store.db.PgSeriesState;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.db.Schema;

/**
 * Loads a list archive into the store the way the pipeline does, without Kafka: each message of a
 * gzip'd mboxrd file (split as the oracle README says) through {@link MailParser} and the series
 * tracker over {@link PgSeriesState}, as the consumer's batch writer runs them,
 * in Patchwork's mode (orphan replies dropped), committed in
 * batches. Test-only: the ingest module owns the real mbox reader.
 */
final class CorpusLoader {
  private CorpusLoader() {}

  /** Creates the project (name = link name, as the oracle did) and stores every message; returns the count. */
  static int load(Connection connection, Path mboxGz, String listId) throws IOException, SQLException {
    return load(connection, messages(mboxGz), listId);
  }

  /** As {@link #load(Connection, Path, String)}, for messages already split; the project is created if new. */
  static int load(Connection connection, List<byte[]> messages, String listId) throws SQLException {
    Schema.migrate(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Project project = Project.ofListId(listId);
      ProjectRepository projects = new ProjectRepository(connection);
      long projectId = projects.findByListId(listId).map(ProjectRepository.StoredProject::id)
          .orElseGet(() -> projects.create(project, project.linkName()).id());
      connection.commit();
      MailParser parser = new MailParser(ParserLimits.DEFAULT);
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      int count = 0;
      try (PgSeriesState state = new PgSeriesState(connection, clock, 128)) {
        SeriesTracker tracker = new SeriesTracker(state, clock, false);
        for (byte[] message : messages) {
          tracker.place(projectId, count, parser.parse(RawMessage.of(message), project));
          if (++count % 250 == 0) {
            state.flush();
            connection.commit();
          }
        }
        state.flush();
      }
      connection.commit();
      return count;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The messages of a gzip'd mboxrd file, split as the oracle README says ({@link MboxSplitter#mboxrd}). */
  static List<byte[]> messages(Path mboxGz) {
    return Corpus.mboxrd(mboxGz);
  }


  private static boolean startsWith(byte[] data, int at, String prefix) {
    if (at + prefix.length() > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (data[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
