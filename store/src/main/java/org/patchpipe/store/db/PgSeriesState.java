package org.patchpipe.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.SeriesState;

/**
 * The series tracker's state in PostgreSQL: Patchwork's own tables (person, patch, cover, comments,
 * series, series_reference, patch_tag) plus {@code pending_reply}. Writing a patch, cover, comment
 * or series also writes the event Patchwork's model signals would (R11.10), through {@link
 * EventLog}; a patch's X-Patchwork-State and X-Patchwork-Delegate values are resolved here (R10.2,
 * R10.3) by {@link PatchHints}.
 *
 * <pre>{@code
 * connection.setAutoCommit(false);
 * PgSeriesState state = new PgSeriesState(connection, Clock.systemUTC());
 * new SeriesTracker(state).track(...);   // as many mails as one transaction should hold
 * connection.commit();
 * }</pre>
 *
 * <p>Runs on the caller's connection and inside the caller's transaction; it never commits. One
 * per connection, not thread-safe. Failures are {@link StoreException}s wrapping the {@link
 * SQLException}; the caller rolls back.
 */
public final class PgSeriesState implements SeriesState, AutoCloseable {
  private static final String PATCH_COLUMNS = "p.id, p.project_id, p.msgid, p.name, p.series_id, p.number";
  private static final String COVER_COLUMNS =
      "c.id, c.project_id, c.msgid, c.name, (SELECT s.id FROM series s WHERE s.cover_letter_id = c.id)";
  private static final String SERIES_COLUMNS =
      "s.id, s.project_id, s.date, s.submitter_id, s.version, s.total, s.name, s.cover_letter_id";

  private final StatementCache sql;
  private final EventLog events;
  private final PatchHints hints;
  private final ParsedMailJson json = new ParsedMailJson();
  // Statements with batched writes, in the order first used (no batch depends on a later one).
  // Statements with batched writes by rank: a table's rows go after the rows they reference.
  private final java.util.TreeMap<Integer, java.util.Set<String>> deferred = new java.util.TreeMap<>();
  private final IdBlocks ids;
  private boolean deferring;

  public PgSeriesState(Connection connection, Clock clock) {
    this.sql = new StatementCache(connection);
    this.events = new EventLog(sql, clock);
    this.hints = new PatchHints(sql);
    this.ids = new IdBlocks(sql);
  }

  @Override
  public void close() {
    run(() -> {
      sql.close();
      return null;
    });
  }

  // ---- persons (R3.2)

  @Override
  public Optional<Person> findPerson(String email) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT id, email, name FROM person WHERE lower(email) = lower(?)");
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Person(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
      }
    });
  }

  @Override
  public Person createPerson(String email, String name) {
    return run(() -> {
      long id = insert(10, "person", "email, name", email, name);
      return new Person(id, email, name);
    });
  }

  @Override
  public void renamePerson(long personId, String name) {
    update(11, "UPDATE person SET name = ? WHERE id = ?", name, personId);
  }

  // ---- kept mail: lookups

  @Override
  public Optional<StoredPatch> findPatch(long projectId, String msgid) {
    return patch("SELECT " + PATCH_COLUMNS + " FROM patch p WHERE p.project_id = ? AND p.msgid = ?", projectId, msgid);
  }

  @Override
  public Optional<StoredCover> findCover(long projectId, String msgid) {
    return cover("SELECT " + COVER_COLUMNS + " FROM cover c WHERE c.project_id = ? AND c.msgid = ?", projectId, msgid);
  }

  @Override
  public Optional<StoredPatch> findPatchOfComment(long projectId, String msgid) {
    return patch("SELECT " + PATCH_COLUMNS + " FROM patch_comment m JOIN patch p ON p.id = m.patch_id"
        + " WHERE p.project_id = ? AND m.msgid = ? ORDER BY m.date DESC, m.id LIMIT 1", projectId, msgid);
  }

  @Override
  public Optional<StoredCover> findCoverOfComment(long projectId, String msgid) {
    return cover("SELECT " + COVER_COLUMNS + " FROM cover_comment m JOIN cover c ON c.id = m.cover_id"
        + " WHERE c.project_id = ? AND m.msgid = ? ORDER BY m.date DESC, m.id LIMIT 1", projectId, msgid);
  }

  @Override
  public boolean hasPatchComment(long patchId, String msgid) {
    return exists("SELECT 1 FROM patch_comment WHERE patch_id = ? AND msgid = ?", patchId, msgid);
  }

  @Override
  public boolean hasCoverComment(long coverId, String msgid) {
    return exists("SELECT 1 FROM cover_comment WHERE cover_id = ? AND msgid = ?", coverId, msgid);
  }

  @Override
  public boolean coverNameExists(String name) {
    return exists("SELECT 1 FROM cover WHERE name = ? LIMIT 1", name);
  }

  // ---- kept mail: writes

  @Override
  public StoredPatch addPatch(long projectId, ParsedMail.Patch patch, long submitterId, LocalDateTime date) {
    return run(() -> {
      Envelope e = patch.envelope();
      long id = insert(40, "patch", "project_id, msgid, name, date, headers, submitter_id, content, diff, pull_url,"
          + " hash, state_id, delegate_id", projectId, patch.msgid(), e.subject().name(), date, nonNull(e.headers()),
          submitterId, patch.content(), patch.diff(), patch.pullUrl(), patch.hash(), hints.state(patch.state()),
          hints.delegate(projectId, patch.delegate(), patch.diff()).orElse(null));
      events.patchCreated(projectId, id);
      return new StoredPatch(id, projectId, patch.msgid(), e.subject().name(), null, null);
    });
  }

  @Override
  public StoredCover addCover(long projectId, ParsedMail.CoverLetter cover, long submitterId, LocalDateTime date) {
    return run(() -> {
      Envelope e = cover.envelope();
      long id = insert(20, "cover", "project_id, msgid, name, date, headers, submitter_id, content", projectId,
          cover.msgid(), e.subject().name(), date, nonNull(e.headers()), submitterId, cover.content());
      events.coverCreated(projectId, id);
      return new StoredCover(id, projectId, cover.msgid(), e.subject().name(), null);
    });
  }

  @Override
  public void addPatchComment(long patchId, ParsedMail mail, long submitterId, LocalDateTime date) {
    run(() -> {
      insertPatchComment(projectOf("patch", patchId), patchId, mail, submitterId, date);
      return null;
    });
  }

  /** {@link #addPatchComment} when the patch's project is known. */
  long insertPatchComment(long projectId, long patchId, ParsedMail mail, long submitterId, LocalDateTime date) {
    return run(() -> {
      // R10.4: X-Patchwork-Action-Required on a patch comment marks it not yet addressed.
      Boolean addressed = mail instanceof ParsedMail.Comment c && c.actionRequired() ? Boolean.FALSE : null;
      long id = insert(60, "patch_comment", "patch_id, msgid, date, headers, submitter_id, content, addressed",
          patchId, mail.msgid(), date, nonNull(kept(mail).envelope().headers()), submitterId, kept(mail).content(), addressed);
      events.patchCommentCreated(projectId, patchId, id);
      return id;
    });
  }

  @Override
  public void addCoverComment(long coverId, ParsedMail mail, long submitterId, LocalDateTime date) {
    run(() -> {
      insertCoverComment(projectOf("cover", coverId), coverId, mail, submitterId, date);
      return null;
    });
  }

  /** {@link #addCoverComment} when the cover's project is known. */
  long insertCoverComment(long projectId, long coverId, ParsedMail mail, long submitterId, LocalDateTime date) {
    return run(() -> {
      long id = insert(61, "cover_comment", "cover_id, msgid, date, headers, submitter_id, content", coverId,
          mail.msgid(), date, nonNull(kept(mail).envelope().headers()), submitterId, kept(mail).content());
      events.coverCommentCreated(projectId, coverId, id);
      return id;
    });
  }

  @Override
  public Tags addPatchTags(long patchId, Tags delta) {
    Tags now = patchTags(patchId).plus(delta);
    writePatchTags(patchId, now, null);
    return now;
  }

  /**
   * R9.3: stores the patch's totals {@code now}; with {@code delta} given, only the tags it changes
   * are written (totals only grow, so unchanged tags need no statement).
   */
  void writePatchTags(long patchId, Tags now, Tags delta) {
    run(() -> {
      int[] counts = {now.acked(), now.reviewed(), now.tested()};
      int[] changes = delta == null ? new int[] {1, 1, 1} : new int[] {delta.acked(), delta.reviewed(), delta.tested()};
      // R9.3: one row per tag with a count above zero; tag ids 1..3 are the seeded A, R, T.
      for (int tag = 1; tag <= 3; tag++) {
        if (changes[tag - 1] == 0) {
          continue;
        }
        if (counts[tag - 1] > 0) {
          update(70, "INSERT INTO patch_tag (patch_id, tag_id, count) VALUES (?, ?, ?)"
              + " ON CONFLICT (patch_id, tag_id) DO UPDATE SET count = excluded.count", patchId, (long) tag, counts[tag - 1]);
        } else {
          update(71, "DELETE FROM patch_tag WHERE patch_id = ? AND tag_id = ?", patchId, (long) tag);
        }
      }
      return null;
    });
  }

  /** R9.2: the patch's current tag totals (Acked-by, Reviewed-by, Tested-by). */
  public Tags patchTags(long patchId) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT tag_id, count FROM patch_tag WHERE patch_id = ? AND tag_id <= 3");
      ps.setLong(1, patchId);
      int[] counts = new int[3];
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts[rs.getInt(1) - 1] = rs.getInt(2);
        }
      }
      return new Tags(counts[0], counts[1], counts[2]);
    });
  }

  // ---- series (R11)

  @Override
  public Optional<Series> findSeriesByReference(long projectId, String msgid) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT " + SERIES_COLUMNS + " FROM series_reference r"
          + " JOIN series s ON s.id = r.series_id WHERE r.project_id = ? AND r.msgid = ?");
      ps.setLong(1, projectId);
      ps.setString(2, msgid);
      return oneSeries(ps);
    });
  }

  @Override
  public List<Series> findSeriesByMarker(long projectId, long submitterId, int version, int total,
      LocalDateTime from, LocalDateTime to) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT " + SERIES_COLUMNS + " FROM series s WHERE s.project_id = ?"
          + " AND s.submitter_id = ? AND s.version = ? AND s.total = ? AND s.date BETWEEN ? AND ?"
          + " ORDER BY s.date DESC, s.id");
      ps.setLong(1, projectId);
      ps.setLong(2, submitterId);
      ps.setInt(3, version);
      ps.setInt(4, total);
      ps.setObject(5, from);
      ps.setObject(6, to);
      List<Series> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(series(rs));
        }
      }
      return found;
    });
  }

  @Override
  public Series createSeries(long projectId, LocalDateTime date, long submitterId, int version, int total) {
    return run(() -> {
      long id = insert(30, "series", "project_id, date, submitter_id, version, total", projectId, date, submitterId,
          version, total);
      events.seriesCreated(projectId, id);
      return new Series(id, projectId, date, submitterId, version, total, null, null);
    });
  }

  @Override
  public void addReference(long projectId, String msgid, long seriesId) {
    update(50, "INSERT INTO series_reference (project_id, msgid, series_id) VALUES (?, ?, ?)"
        + " ON CONFLICT (project_id, msgid) DO NOTHING", projectId, msgid, seriesId);
  }

  @Override
  public boolean hasPatchNumber(long seriesId, int number) {
    return exists("SELECT 1 FROM patch WHERE series_id = ? AND number = ?", seriesId, number);
  }

  @Override
  public void attachPatch(long seriesId, long patchId, int number) {
    attachPatch(series(seriesId), patchNumbers(seriesId), patchId, number, this);
  }

  /**
   * {@link #attachPatch} with the series and its numbers before the patch joins already known;
   * {@code lookup} answers {@link #findPatchByNumber} for the completion events.
   */
  void attachPatch(Series series, List<Integer> numbersBefore, long patchId, int number, SeriesState lookup) {
    run(() -> {
      update(41, "UPDATE patch SET series_id = ?, number = ? WHERE id = ?", series.id(), number, patchId);
      new Completion(series, numbersBefore, number).record(lookup, events, patchId);
      return null;
    });
  }

  /**
   * Holds back the writes that only {@link CachingSeriesState} reads (references, attachments,
   * renames, tag counts) until {@link #flush()}: the store's batches then cost a few round trips
   * per transaction instead of several per mail. Only for use behind that cache.
   */
  void deferWrites() {
    this.deferring = true;
    events.batch();
    ids.blockSize(128);
  }

  /** Writes the events and batched writes held back; call before committing. */
  public void flush() {
    run(() -> {
      for (java.util.Set<String> statements : deferred.values()) {
        for (String statement : statements) {
          sql.get(statement).executeBatch();
        }
      }
      deferred.clear();
      events.flush();
      hints.forget();
      return null;
    });
  }

  /** The ids, numbers and msgids of the series' patches, for a cache. */
  List<StoredPatch> patchesOf(long seriesId) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT " + PATCH_COLUMNS + " FROM patch p WHERE p.series_id = ? ORDER BY p.id");
      ps.setLong(1, seriesId);
      List<StoredPatch> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new StoredPatch(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getObject(5, Long.class), rs.getObject(6, Integer.class)));
        }
      }
      return found;
    });
  }

  /** The latest date of a comment with this msgid among the project's stored rows, or null. */
  LocalDateTime latestCommentDate(long projectId, String msgid, boolean patchComment) {
    return run(() -> {
      PreparedStatement ps = sql.get(patchComment
          ? "SELECT max(m.date) FROM patch_comment m JOIN patch p ON p.id = m.patch_id WHERE p.project_id = ? AND m.msgid = ?"
          : "SELECT max(m.date) FROM cover_comment m JOIN cover c ON c.id = m.cover_id WHERE c.project_id = ? AND m.msgid = ?");
      ps.setLong(1, projectId);
      ps.setString(2, msgid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, LocalDateTime.class);
      }
    });
  }

  /** Every msgid of {@code query}'s single column for the project, for a cache. */
  java.util.Set<String> msgids(String query, long projectId) {
    return run(() -> {
      PreparedStatement ps = sql.get(query);
      ps.setLong(1, projectId);
      java.util.Set<String> found = new java.util.HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
      return found;
    });
  }

  @Override
  public void attachCover(long seriesId, long coverId) {
    update(31, "UPDATE series SET cover_letter_id = ? WHERE id = ?", coverId, seriesId);
  }

  @Override
  public void renameSeries(long seriesId, String name) {
    update(32, "UPDATE series SET name = ? WHERE id = ?", name, seriesId);
  }

  @Override
  public Series series(long seriesId) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT " + SERIES_COLUMNS + " FROM series s WHERE s.id = ?");
      ps.setLong(1, seriesId);
      return oneSeries(ps).orElseThrow(() -> new IllegalArgumentException("no series with id " + seriesId));
    });
  }

  @Override
  public List<Integer> patchNumbers(long seriesId) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT number FROM patch WHERE series_id = ? ORDER BY number");
      ps.setLong(1, seriesId);
      List<Integer> numbers = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          numbers.add(rs.getInt(1));
        }
      }
      return numbers;
    });
  }

  @Override
  public String seriesKey(long seriesId) {
    return run(() -> {
      PreparedStatement ps = sql.get("SELECT coalesce("
          + " (SELECT c.msgid FROM series s JOIN cover c ON c.id = s.cover_letter_id WHERE s.id = ?),"
          + " (SELECT p.msgid FROM patch p WHERE p.series_id = ? ORDER BY p.number, p.id LIMIT 1))");
      ps.setLong(1, seriesId);
      ps.setLong(2, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  @Override
  public Optional<StoredPatch> findPatchByNumber(long seriesId, int number) {
    return patch("SELECT " + PATCH_COLUMNS + " FROM patch p WHERE p.series_id = ? AND p.number = ?"
        + " ORDER BY p.id LIMIT 1", seriesId, number);
  }

  // ---- replies waiting for their parent

  @Override
  public PendingReply addPendingReply(long projectId, List<String> references, ParsedMail mail,
      LocalDateTime date, long arrival) {
    return new PendingReplies(sql, json).add(projectId, references, mail, date, arrival);
  }

  @Override
  public List<PendingReply> takePendingReplies(long projectId, String msgid) {
    return new PendingReplies(sql, json).take(projectId, msgid);
  }

  // ---- plumbing

  private long projectOf(String table, long id) throws SQLException {
    PreparedStatement ps = sql.get("SELECT project_id FROM " + table + " WHERE id = ?");
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalArgumentException("no " + table + " with id " + id);
      }
      return rs.getLong(1);
    }
  }

  private Optional<StoredPatch> patch(String query, Object... args) {
    return run(() -> {
      PreparedStatement ps = bind(sql.get(query), args);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredPatch(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, Long.class), rs.getObject(6, Integer.class)));
      }
    });
  }

  private Optional<StoredCover> cover(String query, Object... args) {
    return run(() -> {
      PreparedStatement ps = bind(sql.get(query), args);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredCover(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, Long.class)));
      }
    });
  }

  private static Optional<Series> oneSeries(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(series(rs)) : Optional.empty();
    }
  }

  private static Series series(ResultSet rs) throws SQLException {
    return new Series(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDateTime.class), rs.getLong(4),
        rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getObject(8, Long.class));
  }

  private boolean exists(String query, Object... args) {
    return run(() -> {
      try (ResultSet rs = bind(sql.get(query), args).executeQuery()) {
        return rs.next();
      }
    });
  }

  /**
   * Inserts a row with an id taken from the table's sequence ahead of time, so that the insert can
   * wait in a batch like any other deferred write; {@code rank} orders the batches (see flush).
   */
  private long insert(int rank, String table, String columns, Object... values) throws SQLException {
    long id = ids.next(table);
    Object[] args = new Object[values.length + 1];
    args[0] = id;
    System.arraycopy(values, 0, args, 1, values.length);
    update(rank, "INSERT INTO " + table + " (id, " + columns + ") VALUES (?" + ", ?".repeat(values.length) + ")", args);
    return id;
  }

  /**
   * A write nothing reads back from the database before the next {@link #flush()} when deferring
   * (the cache in front answers instead): held in a JDBC batch, else executed now.
   */
  private void update(int rank, String statement, Object... args) {
    run(() -> {
      PreparedStatement ps = bind(sql.get(statement), args);
      if (deferring) {
        ps.addBatch();
        deferred.computeIfAbsent(rank, r -> new java.util.LinkedHashSet<>()).add(statement);
      } else {
        ps.executeUpdate();
      }
      return null;
    });
  }

  static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  static long returnedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ParsedMail.Kept kept(ParsedMail mail) {
    if (mail instanceof ParsedMail.Kept kept) {
      return kept;
    }
    throw new IllegalArgumentException("a comment must be a comment, patch or cover letter: " + mail);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** A unit of SQL work; its {@link SQLException} becomes a {@link StoreException}. */
  interface SqlWork<T> {
    T run() throws SQLException;
  }

  static <T> T run(SqlWork<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }
}
