package org.patchpipe.store.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.series.SeriesTracker;
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
    Schema.migrate(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Project project = Project.ofListId(listId);
      long projectId = new ProjectRepository(connection).create(project, project.linkName()).id();
      connection.commit();
      MailParser parser = new MailParser(ParserLimits.DEFAULT);
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      int count = 0;
      try (PgSeriesState state = new PgSeriesState(connection, clock, 128)) {
        SeriesTracker tracker = new SeriesTracker(state, clock, false);
        for (byte[] message : messages(mboxGz)) {
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

  /** The messages of a gzip'd mboxrd file: separator line and trailing blank line removed, one {@code >} unquoted. */
  static List<byte[]> messages(Path mboxGz) throws IOException {
    byte[] all;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(mboxGz), 1 << 16)) {
      all = in.readAllBytes();
    }
    List<byte[]> messages = new ArrayList<>();
    ByteArrayOutputStream current = null;
    int pos = 0;
    while (pos < all.length) {
      int end = pos;
      while (end < all.length && all[end] != '\n') {
        end++;
      }
      int next = Math.min(end + 1, all.length);
      if (startsWith(all, pos, "From ")) {
        if (current != null) {
          messages.add(trimSeparatorBlank(current.toByteArray()));
        }
        current = new ByteArrayOutputStream();
      } else if (current != null) {
        int from = pos;
        int gt = pos;
        while (gt < end && all[gt] == '>') {
          gt++;
        }
        if (gt > pos && startsWith(all, gt, "From ")) {
          from = pos + 1;
        }
        current.write(all, from, next - from);
      }
      pos = next;
    }
    if (current != null) {
      messages.add(trimSeparatorBlank(current.toByteArray()));
    }
    return messages;
  }

  private static byte[] trimSeparatorBlank(byte[] message) {
    int n = message.length;
    if (n >= 2 && message[n - 1] == '\n' && message[n - 2] == '\n') {
      return java.util.Arrays.copyOf(message, n - 1);
    }
    return message;
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
