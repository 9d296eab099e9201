package org.patchpipe.commits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.SeriesTracker;
import org.patchpipe.store.db.PgSeriesState;
import org.patchpipe.store.db.ProjectRepository;

/**
 * Ingests mails into the test database the way the store does: the real {@link MailParser}, the
 * real {@link SeriesTracker} over the store's {@link PgSeriesState}, one transaction per batch.
 */
final class TestIngest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private TestIngest() {}

  /** Stores {@code mails} in the project of {@code listId}; returns the project id. */
  static long ingest(Connection connection, String listId, List<byte[]> mails) throws SQLException {
    connection.setAutoCommit(false);
    try {
      ProjectRepository.StoredProject project = new ProjectRepository(connection).findOrCreate(listId);
      MailParser parser = new MailParser(ParserLimits.DEFAULT);
      try (PgSeriesState state = new PgSeriesState(connection, CLOCK)) {
        SeriesTracker tracker = new SeriesTracker(state, CLOCK);
        long arrival = 0;
        for (byte[] mail : mails) {
          ParsedMail parsed = parser.parse(RawMessage.of(mail), project.project());
          Placement placed = tracker.place(project.id(), arrival++, parsed);
          if (placed.kind() == Placement.Kind.ERROR) {
            throw new IllegalStateException("test mail rejected: " + placed.error());
          }
        }
      }
      connection.commit();
      return project.id();
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
