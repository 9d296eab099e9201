package org.patchpipe.store.db;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.SeriesState;

/**
 * {@link PgSeriesState} with the tracker's working set held in memory, so that most of a mail's
 * lookups never reach PostgreSQL. Correct only because the store is the database's single writer of
 * these tables (the consumer's advisory lock guarantees it): every write goes through here first,
 * so the memory can never miss a change. Negative lookups are answered from complete per-project
 * sets of Message-IDs (patches, covers, comments, series references), loaded on the project's first
 * mail; positive ones from the objects written or read before. Lives for one database transaction
 * chain: after a rollback the caller throws it away with its connection. Not thread-safe.
 */
public final class CachingSeriesState implements SeriesState, AutoCloseable {
  private record Key(long projectId, String msgid) {}

  /** A comment written through this cache (its row may still wait in a batch). */
  private record NewComment(long parentId, LocalDateTime date, long id) {}

  /** What a project's mail is known by: complete sets, kept current by every write. */
  private static final class Known {
    final Set<String> patches;
    final Set<String> covers;
    final Set<String> patchComments;
    final Set<String> coverComments;
    final Set<String> references;
    final Set<String> pendingReferences;

    Known(PgSeriesState pg, long projectId) {
      patches = pg.msgids("SELECT msgid FROM patch WHERE project_id = ?", projectId);
      covers = pg.msgids("SELECT msgid FROM cover WHERE project_id = ?", projectId);
      patchComments = pg.msgids("SELECT m.msgid FROM patch_comment m JOIN patch p ON p.id = m.patch_id"
          + " WHERE p.project_id = ?", projectId);
      coverComments = pg.msgids("SELECT m.msgid FROM cover_comment m JOIN cover c ON c.id = m.cover_id"
          + " WHERE c.project_id = ?", projectId);
      references = pg.msgids("SELECT msgid FROM series_reference WHERE project_id = ?", projectId);
      pendingReferences = pg.msgids("SELECT msgid FROM pending_reply_ref WHERE project_id = ?", projectId);
    }
  }

  /** A series with its patches by number. */
  private static final class SeriesEntry {
    Series series;
    final TreeMap<Integer, List<Long>> patchesByNumber = new TreeMap<>();
    String coverMsgid;

    SeriesEntry(Series series) {
      this.series = series;
    }

    List<Integer> numbers() {
      List<Integer> numbers = new ArrayList<>();
      patchesByNumber.forEach((n, ids) -> ids.forEach(id -> numbers.add(n)));
      return numbers;
    }
  }

  private final PgSeriesState pg;
  private final Map<Long, Known> known = new HashMap<>();
  private final Map<String, Person> persons = new HashMap<>();
  private final Map<Key, StoredPatch> patches = new HashMap<>();
  private final Map<Long, StoredPatch> patchesById = new HashMap<>();
  private final Map<Key, StoredCover> covers = new HashMap<>();
  private final Map<Long, StoredCover> coversById = new HashMap<>();
  private final Set<String> coverNames = new HashSet<>();
  private final Map<Long, SeriesEntry> series = new HashMap<>();
  private final Map<Key, Long> references = new HashMap<>();
  private final Map<Long, Tags> tags = new HashMap<>();
  private final Map<Key, List<NewComment>> newPatchComments = new HashMap<>();
  private final Map<Key, List<NewComment>> newCoverComments = new HashMap<>();
  private final Set<Long> newSeries = new HashSet<>();

  public CachingSeriesState(PgSeriesState pg) {
    this.pg = pg;
    pg.deferWrites();
  }

  private Known known(long projectId) {
    return known.computeIfAbsent(projectId, id -> new Known(pg, id));
  }

  // ---- persons

  @Override
  public Optional<Person> findPerson(String email) {
    String key = email.toLowerCase(Locale.ROOT);
    Person cached = persons.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Person> found = pg.findPerson(email);
    found.ifPresent(p -> persons.put(key, p));
    return found;
  }

  @Override
  public Person createPerson(String email, String name) {
    Person person = pg.createPerson(email, name);
    persons.put(email.toLowerCase(Locale.ROOT), person);
    return person;
  }

  @Override
  public void renamePerson(long personId, String name) {
    pg.renamePerson(personId, name);
    persons.replaceAll((k, p) -> p.id() == personId ? new Person(p.id(), p.email(), name) : p);
  }

  // ---- lookups

  @Override
  public Optional<StoredPatch> findPatch(long projectId, String msgid) {
    if (!known(projectId).patches.contains(msgid)) {
      return Optional.empty();
    }
    Key key = new Key(projectId, msgid);
    StoredPatch cached = patches.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    return pg.findPatch(projectId, msgid).map(this::rememberLoaded);
  }

  @Override
  public Optional<StoredCover> findCover(long projectId, String msgid) {
    if (!known(projectId).covers.contains(msgid)) {
      return Optional.empty();
    }
    Key key = new Key(projectId, msgid);
    StoredCover cached = covers.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    return pg.findCover(projectId, msgid).map(this::rememberLoaded);
  }

  @Override
  public Optional<StoredPatch> findPatchOfComment(long projectId, String msgid) {
    if (!known(projectId).patchComments.contains(msgid)) {
      return Optional.empty();
    }
    Optional<NewComment> fresh = latest(newPatchComments.get(new Key(projectId, msgid)));
    Optional<StoredPatch> old = pg.findPatchOfComment(projectId, msgid).map(this::rememberLoaded);
    return fresh.isPresent() && (old.isEmpty() || !isOlderThanDb(fresh.get(), projectId, msgid, true))
        ? Optional.of(patch(fresh.get().parentId())) : old;
  }

  @Override
  public Optional<StoredCover> findCoverOfComment(long projectId, String msgid) {
    if (!known(projectId).coverComments.contains(msgid)) {
      return Optional.empty();
    }
    Optional<NewComment> fresh = latest(newCoverComments.get(new Key(projectId, msgid)));
    Optional<StoredCover> old = pg.findCoverOfComment(projectId, msgid).map(this::rememberLoaded);
    return fresh.isPresent() && (old.isEmpty() || !isOlderThanDb(fresh.get(), projectId, msgid, false))
        ? Optional.of(cover(fresh.get().parentId())) : old;
  }

  @Override
  public boolean hasPatchComment(long patchId, String msgid) {
    long projectId = patch(patchId).projectId();
    if (!known(projectId).patchComments.contains(msgid)) {
      return false;
    }
    List<NewComment> fresh = newPatchComments.get(new Key(projectId, msgid));
    return (fresh != null && fresh.stream().anyMatch(c -> c.parentId() == patchId)) || pg.hasPatchComment(patchId, msgid);
  }

  @Override
  public boolean hasCoverComment(long coverId, String msgid) {
    long projectId = cover(coverId).projectId();
    if (!known(projectId).coverComments.contains(msgid)) {
      return false;
    }
    List<NewComment> fresh = newCoverComments.get(new Key(projectId, msgid));
    return (fresh != null && fresh.stream().anyMatch(c -> c.parentId() == coverId)) || pg.hasCoverComment(coverId, msgid);
  }

  /** Patchwork's "latest date, then first written" among comments written through this cache. */
  private static Optional<NewComment> latest(List<NewComment> rows) {
    if (rows == null) {
      return Optional.empty();
    }
    return rows.stream().max(java.util.Comparator.comparing(NewComment::date).thenComparing(c -> -c.id()));
  }

  /**
   * Whether the database already holds a comment with this msgid dated no earlier than {@code
   * fresh}: then it wins (on equal dates the older row, the database's, comes first).
   */
  private boolean isOlderThanDb(NewComment fresh, long projectId, String msgid, boolean patchComment) {
    LocalDateTime dbDate = pg.latestCommentDate(projectId, msgid, patchComment);
    return dbDate != null && !fresh.date().isAfter(dbDate);
  }

  @Override
  public boolean coverNameExists(String name) {
    if (coverNames.contains(name)) {
      return true;
    }
    boolean exists = pg.coverNameExists(name);
    if (exists) {
      coverNames.add(name);
    }
    return exists;
  }

  // ---- writes

  @Override
  public StoredPatch addPatch(long projectId, ParsedMail.Patch patch, long submitterId, LocalDateTime date) {
    StoredPatch stored = pg.addPatch(projectId, patch, submitterId, date);
    known(projectId).patches.add(stored.msgid());
    remember(stored);
    tags.put(stored.id(), Tags.NONE);
    return stored;
  }

  @Override
  public StoredCover addCover(long projectId, ParsedMail.CoverLetter cover, long submitterId, LocalDateTime date) {
    StoredCover stored = pg.addCover(projectId, cover, submitterId, date);
    known(projectId).covers.add(stored.msgid());
    coverNames.add(stored.name());
    remember(stored);
    return stored;
  }

  @Override
  public void addPatchComment(long patchId, ParsedMail mail, long submitterId, LocalDateTime date) {
    long projectId = patch(patchId).projectId();
    long id = pg.insertPatchComment(projectId, patchId, mail, submitterId, date);
    known(projectId).patchComments.add(mail.msgid());
    newPatchComments.computeIfAbsent(new Key(projectId, mail.msgid()), k -> new ArrayList<>())
        .add(new NewComment(patchId, date, id));
  }

  @Override
  public void addCoverComment(long coverId, ParsedMail mail, long submitterId, LocalDateTime date) {
    long projectId = cover(coverId).projectId();
    long id = pg.insertCoverComment(projectId, coverId, mail, submitterId, date);
    known(projectId).coverComments.add(mail.msgid());
    newCoverComments.computeIfAbsent(new Key(projectId, mail.msgid()), k -> new ArrayList<>())
        .add(new NewComment(coverId, date, id));
  }

  @Override
  public Tags addPatchTags(long patchId, Tags delta) {
    Tags now = tags.computeIfAbsent(patchId, pg::patchTags).plus(delta);
    pg.writePatchTags(patchId, now, delta);
    tags.put(patchId, now);
    return now;
  }

  // ---- series

  @Override
  public Optional<Series> findSeriesByReference(long projectId, String msgid) {
    if (!known(projectId).references.contains(msgid)) {
      return Optional.empty();
    }
    Long id = references.get(new Key(projectId, msgid));
    if (id != null) {
      return Optional.of(series(id));
    }
    Optional<Series> found = pg.findSeriesByReference(projectId, msgid);
    found.ifPresent(s -> references.put(new Key(projectId, msgid), s.id()));
    return found.map(s -> series(s.id()));
  }

  @Override
  public List<Series> findSeriesByMarker(long projectId, long submitterId, int version, int total,
      LocalDateTime from, LocalDateTime to) {
    // The database's candidates and the series created through this cache (maybe not yet written).
    Map<Long, Series> found = new java.util.LinkedHashMap<>();
    for (Series s : pg.findSeriesByMarker(projectId, submitterId, version, total, from, to)) {
      found.put(s.id(), series(s.id()));
    }
    for (long id : newSeries) {
      Series s = series(id);
      if (s.projectId() == projectId && s.submitterId() == submitterId && s.version() == version
          && s.total() == total && !s.date().isBefore(from) && !s.date().isAfter(to)) {
        found.putIfAbsent(id, s);
      }
    }
    List<Series> sorted = new ArrayList<>(found.values());
    sorted.sort(java.util.Comparator.comparing(Series::date).reversed().thenComparing(Series::id));
    return sorted;
  }

  @Override
  public Series createSeries(long projectId, LocalDateTime date, long submitterId, int version, int total) {
    Series created = pg.createSeries(projectId, date, submitterId, version, total);
    series.put(created.id(), new SeriesEntry(created));
    newSeries.add(created.id());
    return created;
  }

  @Override
  public void addReference(long projectId, String msgid, long seriesId) {
    Set<String> refs = known(projectId).references;
    if (refs.contains(msgid)) {
      return;  // R11.2: an existing reference is never re-pointed
    }
    pg.addReference(projectId, msgid, seriesId);
    refs.add(msgid);
    references.put(new Key(projectId, msgid), seriesId);
  }

  @Override
  public boolean hasPatchNumber(long seriesId, int number) {
    return entry(seriesId).patchesByNumber.containsKey(number);
  }

  @Override
  public void attachPatch(long seriesId, long patchId, int number) {
    SeriesEntry entry = entry(seriesId);
    pg.attachPatch(entry.series, entry.numbers(), patchId, number, this);
    entry.patchesByNumber.computeIfAbsent(number, n -> new ArrayList<>()).add(patchId);
    StoredPatch old = patch(patchId);
    remember(new StoredPatch(old.id(), old.projectId(), old.msgid(), old.name(), seriesId, number));
  }

  @Override
  public void attachCover(long seriesId, long coverId) {
    pg.attachCover(seriesId, coverId);
    SeriesEntry entry = entry(seriesId);
    Series s = entry.series;
    entry.series = new Series(s.id(), s.projectId(), s.date(), s.submitterId(), s.version(), s.total(), s.name(), coverId);
    StoredCover old = cover(coverId);
    entry.coverMsgid = old.msgid();
    remember(new StoredCover(old.id(), old.projectId(), old.msgid(), old.name(), seriesId));
  }

  @Override
  public void renameSeries(long seriesId, String name) {
    pg.renameSeries(seriesId, name);
    SeriesEntry entry = entry(seriesId);
    Series s = entry.series;
    entry.series = new Series(s.id(), s.projectId(), s.date(), s.submitterId(), s.version(), s.total(), name, s.coverId());
  }

  @Override
  public Series series(long seriesId) {
    return entry(seriesId).series;
  }

  @Override
  public List<Integer> patchNumbers(long seriesId) {
    return entry(seriesId).numbers();
  }

  @Override
  public String seriesKey(long seriesId) {
    SeriesEntry entry = entry(seriesId);
    if (entry.series.coverId() != null) {
      if (entry.coverMsgid == null) {
        StoredCover c = coversById.get(entry.series.coverId());
        entry.coverMsgid = c != null ? c.msgid() : pg.seriesKey(seriesId);
      }
      return entry.coverMsgid;
    }
    if (entry.patchesByNumber.isEmpty()) {
      return null;
    }
    List<Long> lowest = entry.patchesByNumber.firstEntry().getValue();
    return patch(lowest.stream().min(Long::compare).orElseThrow()).msgid();
  }

  @Override
  public Optional<StoredPatch> findPatchByNumber(long seriesId, int number) {
    List<Long> ids = entry(seriesId).patchesByNumber.get(number);
    if (ids == null || ids.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(patch(ids.stream().min(Long::compare).orElseThrow()));
  }

  // ---- pending replies

  @Override
  public PendingReply addPendingReply(long projectId, List<String> refs, ParsedMail mail, LocalDateTime date,
      long arrival) {
    PendingReply reply = pg.addPendingReply(projectId, refs, mail, date, arrival);
    known(projectId).pendingReferences.addAll(refs);
    return reply;
  }

  @Override
  public List<PendingReply> takePendingReplies(long projectId, String msgid) {
    // The set may keep a reference whose replies were taken through another one; that only costs
    // one query that finds nothing.
    return known(projectId).pendingReferences.contains(msgid) ? pg.takePendingReplies(projectId, msgid) : List.of();
  }

  /** Writes the events held back for batching; call before committing. */
  public void flush() {
    pg.flush();
  }

  @Override
  public void close() {
    pg.close();
  }

  // ---- plumbing

  private SeriesEntry entry(long seriesId) {
    SeriesEntry entry = series.get(seriesId);
    if (entry == null) {
      entry = new SeriesEntry(pg.series(seriesId));
      for (StoredPatch p : pg.patchesOf(seriesId)) {
        rememberLoaded(p);
        entry.patchesByNumber.computeIfAbsent(p.number(), n -> new ArrayList<>()).add(p.id());
      }
      series.put(seriesId, entry);
    }
    return entry;
  }

  private StoredPatch patch(long patchId) {
    StoredPatch p = patchesById.get(patchId);
    if (p == null) {
      throw new IllegalArgumentException("no patch with id " + patchId + " known to this store");
    }
    return p;
  }

  private StoredCover cover(long coverId) {
    StoredCover c = coversById.get(coverId);
    if (c == null) {
      throw new IllegalArgumentException("no cover with id " + coverId + " known to this store");
    }
    return c;
  }

  /**
   * A row read from the database: its series and number may lag writes still held in a batch, so
   * a patch already known keeps what this cache knows.
   */
  private StoredPatch rememberLoaded(StoredPatch p) {
    StoredPatch known = patchesById.get(p.id());
    if (known != null) {
      return known;
    }
    remember(p);
    return p;
  }

  private StoredCover rememberLoaded(StoredCover c) {
    StoredCover known = coversById.get(c.id());
    if (known != null) {
      return known;
    }
    remember(c);
    return c;
  }

  private void remember(StoredPatch p) {
    patches.put(new Key(p.projectId(), p.msgid()), p);
    patchesById.put(p.id(), p);
  }

  private void remember(StoredCover c) {
    covers.put(new Key(c.projectId(), c.msgid()), c);
    coversById.put(c.id(), c);
  }
}
