package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.patchpipe.parser.DependsOn;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.SeriesJournal.Row;

/**
 * The one {@link SeriesState}: Patchwork's indexes held in memory, so that every question the
 * tracker asks is a hash lookup and a whole archive is tracked in linear time. What was kept before
 * comes from a {@link SeriesSource}, a project at a time on its first mail; every change goes to a
 * {@link SeriesJournal}, which may write it behind (the store) or nowhere ({@code patchpipe parse}
 * and tests: {@link #InMemorySeriesState()}). Correct only while it sees every change to the rows
 * it holds, which the store's single consumer guarantees. Mutable and not thread-safe: one per
 * tracker. Never fails except on ids it does not hold ({@link IllegalArgumentException}).
 */
public class InMemorySeriesState implements SeriesState {
  private record Key(long projectId, String msgid) {}

  private record Marker(long projectId, long submitterId, int version, int total) {}

  private final SeriesJournal journal;
  private final SeriesSource source;
  private final Set<Long> loadedProjects = new HashSet<>();
  private final Map<Long, Person> persons = new HashMap<>();
  private final Map<String, Long> personByEmail = new HashMap<>();
  private final Map<Long, StoredPatch> patches = new HashMap<>();
  private final Map<Key, Long> patchByMsgid = new HashMap<>();
  private final Map<Long, StoredCover> covers = new HashMap<>();
  private final Map<Key, Long> coverByMsgid = new HashMap<>();
  private final Set<String> coverNames = new HashSet<>();
  private final CommentIndex patchComments = new CommentIndex();
  private final CommentIndex coverComments = new CommentIndex();
  private final Map<Long, Tags> tags = new HashMap<>();
  private final Map<Long, Series> series = new HashMap<>();
  private final Map<Key, Long> references = new HashMap<>();
  private final Map<Marker, List<Long>> seriesByMarker = new HashMap<>();
  private final Map<Long, List<Long>> patchesOfSeries = new HashMap<>();
  private final PendingIndex pending = new PendingIndex();

  /** A working set that starts empty and journals nothing, for {@code patchpipe parse} and tests. */
  public InMemorySeriesState() {
    this(SeriesJournal.none(), SeriesSource.EMPTY);
  }

  /** A working set loaded from {@code source} and journaling every change to {@code journal}. */
  public InMemorySeriesState(SeriesJournal journal, SeriesSource source) {
    this.journal = journal;
    this.source = source;
  }

  private static String fold(String email) {
    return email.toLowerCase(Locale.ROOT); // PostgreSQL iexact compares Unicode lower case; so do we
  }

  /** Loads the project's kept rows the first time it is named. */
  private void project(long projectId) {
    if (loadedProjects.add(projectId)) {
      source.loadProject(projectId, this);
    }
  }

  // ---- restoring kept rows (for a SeriesSource; nothing is journaled)

  /** Restores a kept Person. */
  public void restore(Person person) {
    persons.put(person.id(), person);
    personByEmail.putIfAbsent(fold(person.email()), person.id());
  }

  /** Restores a kept Series without its patches (restore those after it). */
  public void restore(Series s) {
    series.put(s.id(), s);
    Marker marker = new Marker(s.projectId(), s.submitterId(), s.version(), s.total());
    seriesByMarker.computeIfAbsent(marker, k -> new ArrayList<>()).add(s.id());
  }

  /** Restores a kept patch, with its series and number if it has them, and its tag totals. */
  public void restore(StoredPatch patch, Tags totals) {
    patches.put(patch.id(), patch);
    patchByMsgid.put(new Key(patch.projectId(), patch.msgid()), patch.id());
    tags.put(patch.id(), totals);
    if (patch.seriesId() != null) {
      patchesOfSeries.computeIfAbsent(patch.seriesId(), k -> new ArrayList<>()).add(patch.id());
    }
  }

  /** Restores a kept cover letter. */
  public void restore(StoredCover cover) {
    covers.put(cover.id(), cover);
    coverByMsgid.put(new Key(cover.projectId(), cover.msgid()), cover.id());
    coverNames.add(cover.name());
  }

  /** Restores a kept comment on the patch (or, {@code onCover}, the cover) {@code parentId}. */
  public void restoreComment(boolean onCover, long id, long parentId, String msgid, LocalDateTime date) {
    long projectId = onCover ? cover(parentId).projectId() : patch(parentId).projectId();
    (onCover ? coverComments : patchComments).add(projectId, msgid, parentId, date, id);
  }

  /** Restores a kept SeriesReference. */
  public void restoreReference(long projectId, String msgid, long seriesId) {
    references.putIfAbsent(new Key(projectId, msgid), seriesId);
  }

  /** Restores a kept reply still waiting for its parent. */
  public void restore(PendingReply reply) {
    pending.add(reply);
  }

  @Override
  public Optional<Person> findPerson(String email) {
    Long id = personByEmail.get(fold(email));
    Optional<Person> kept = id != null ? Optional.of(persons.get(id)) : source.findPerson(email);
    kept.ifPresent(this::restore);
    return kept;
  }

  @Override
  public Person createPerson(String email, String name) {
    Person person = new Person(journal.nextId(Row.PERSON), email, name);
    restore(person);
    journal.personCreated(person);
    return person;
  }

  @Override
  public void renamePerson(long personId, String name) {
    Person old = person(personId);
    persons.put(personId, new Person(old.id(), old.email(), name));
    journal.personRenamed(personId, name);
  }

  /** Every person held, in creation order. */
  public List<Person> persons() {
    return persons.values().stream().sorted(Comparator.comparingLong(Person::id)).toList();
  }

  /** The person with this id. */
  public Person person(long personId) {
    return held(persons, personId, "person");
  }

  @Override
  public Optional<StoredPatch> findPatch(long projectId, String msgid) {
    project(projectId);
    return Optional.ofNullable(patchByMsgid.get(new Key(projectId, msgid))).map(this::patch);
  }

  @Override
  public Optional<StoredCover> findCover(long projectId, String msgid) {
    project(projectId);
    return Optional.ofNullable(coverByMsgid.get(new Key(projectId, msgid))).map(this::cover);
  }

  @Override
  public Optional<StoredPatch> findPatchOfComment(long projectId, String msgid) {
    project(projectId);
    return patchComments.latestParent(projectId, msgid).map(this::patch);
  }

  @Override
  public Optional<StoredCover> findCoverOfComment(long projectId, String msgid) {
    project(projectId);
    return coverComments.latestParent(projectId, msgid).map(this::cover);
  }

  @Override
  public boolean hasPatchComment(long patchId, String msgid) {
    return patchComments.has(patch(patchId).projectId(), msgid, patchId);
  }

  @Override
  public boolean hasCoverComment(long coverId, String msgid) {
    return coverComments.has(cover(coverId).projectId(), msgid, coverId);
  }

  @Override
  public boolean coverNameExists(String name) {
    if (!coverNames.contains(name) && source.coverNameExists(name)) {
      coverNames.add(name);
    }
    return coverNames.contains(name);
  }

  @Override
  public StoredPatch addPatch(long projectId, ParsedMail.Patch patch, long submitterId, LocalDateTime date) {
    project(projectId);
    StoredPatch stored = new StoredPatch(
        journal.nextId(Row.PATCH), projectId, patch.msgid(), patch.envelope().subject().name(), null, null);
    restore(stored, Tags.NONE);
    journal.patchAdded(stored, patch, submitterId, date);
    return stored;
  }

  @Override
  public StoredCover addCover(long projectId, ParsedMail.CoverLetter cover, long submitterId, LocalDateTime date) {
    project(projectId);
    StoredCover stored = new StoredCover(
        journal.nextId(Row.COVER), projectId, cover.msgid(), cover.envelope().subject().name(), null);
    restore(stored);
    journal.coverAdded(stored, cover, submitterId, date);
    return stored;
  }

  @Override
  public void addPatchComment(long patchId, ParsedMail mail, long submitterId, LocalDateTime date) {
    StoredPatch patch = patch(patchId);
    long id = journal.nextId(Row.PATCH_COMMENT);
    restoreComment(false, id, patchId, mail.msgid(), date);
    journal.patchCommentAdded(id, patch, mail, submitterId, date);
  }

  @Override
  public void addCoverComment(long coverId, ParsedMail mail, long submitterId, LocalDateTime date) {
    StoredCover cover = cover(coverId);
    long id = journal.nextId(Row.COVER_COMMENT);
    restoreComment(true, id, coverId, mail.msgid(), date);
    journal.coverCommentAdded(id, cover, mail, submitterId, date);
  }

  @Override
  public Tags addPatchTags(long patchId, Tags delta) {
    Tags now = patchTags(patchId).plus(delta);
    tags.put(patchId, now);
    journal.patchTagsChanged(patchId, now, delta);
    return now;
  }

  /** R9.2: the patch's tag totals. */
  public Tags patchTags(long patchId) {
    patch(patchId);
    return tags.getOrDefault(patchId, Tags.NONE);
  }

  /** The patch with this id. */
  public StoredPatch patch(long patchId) {
    return held(patches, patchId, "patch");
  }

  /** The cover letter with this id. */
  public StoredCover cover(long coverId) {
    return held(covers, coverId, "cover");
  }

  @Override
  public Optional<Series> findSeriesByReference(long projectId, String msgid) {
    project(projectId);
    return Optional.ofNullable(references.get(new Key(projectId, msgid))).map(this::series);
  }

  @Override
  public List<Series> findSeriesByMarker(
      long projectId, long submitterId, int version, int total, LocalDateTime from, LocalDateTime to) {
    project(projectId);
    List<Series> found = new ArrayList<>();
    for (long id : seriesByMarker.getOrDefault(new Marker(projectId, submitterId, version, total), List.of())) {
      Series s = series(id);
      if (!s.date().isBefore(from) && !s.date().isAfter(to)) {
        found.add(s);
      }
    }
    // Newest first, ids ascending among equal dates (database order).
    found.sort(Comparator.comparing(Series::date).reversed().thenComparing(Series::id));
    return found;
  }

  @Override
  public Series createSeries(long projectId, LocalDateTime date, long submitterId, int version, int total) {
    project(projectId);
    Series created =
        new Series(journal.nextId(Row.SERIES), projectId, date, submitterId, version, total, null, null);
    restore(created);
    journal.seriesCreated(created);
    return created;
  }

  @Override
  public void addReference(long projectId, String msgid, long seriesId) {
    project(projectId);
    series(seriesId);
    // R11.2: an existing reference is never re-pointed.
    if (references.putIfAbsent(new Key(projectId, msgid), seriesId) == null) {
      journal.referenceAdded(projectId, msgid, seriesId);
    }
  }

  @Override
  public void attachPatch(long seriesId, long patchId, int number) {
    Series s = series(seriesId);
    List<Integer> before = patchNumbers(seriesId);
    StoredPatch old = patch(patchId);
    patches.put(patchId, new StoredPatch(old.id(), old.projectId(), old.msgid(), old.name(), seriesId, number));
    journal.patchAttached(s, before, patchId, number, n -> findPatchByNumber(seriesId, n).orElseThrow().id());
    patchesOfSeries.computeIfAbsent(seriesId, k -> new ArrayList<>()).add(patchId);
  }

  @Override
  public void attachCover(long seriesId, long coverId) {
    StoredCover old = cover(coverId);
    covers.put(coverId, new StoredCover(old.id(), old.projectId(), old.msgid(), old.name(), seriesId));
    Series s = series(seriesId);
    series.put(seriesId, s.withCover(coverId));
    journal.coverAttached(seriesId, coverId);
  }

  @Override
  public void addDependencies(long seriesId, List<DependsOn.Dependency> dependencies) {
    if (!dependencies.isEmpty()) journal.dependenciesFound(series(seriesId), dependencies);
  }

  @Override
  public void renameSeries(long seriesId, String name) {
    Series s = series(seriesId);
    series.put(seriesId, s.withName(name));
    journal.seriesRenamed(seriesId, name);
  }

  @Override
  public Series series(long seriesId) {
    return held(series, seriesId, "series");
  }

  /** Every series held, in creation order. */
  public List<Series> allSeries() {
    return series.values().stream().sorted(Comparator.comparingLong(Series::id)).toList();
  }

  @Override
  public List<Integer> patchNumbers(long seriesId) {
    return patchesOf(seriesId).stream().map(id -> patch(id).number()).sorted().toList();
  }

  @Override
  public String seriesKey(long seriesId) {
    Series s = series(seriesId);
    if (s.coverId() != null) {
      return cover(s.coverId()).msgid();
    }
    return patchesOf(seriesId).stream()
        .map(this::patch)
        .min(Comparator.comparing(StoredPatch::number).thenComparing(StoredPatch::id))
        .map(StoredPatch::msgid)
        .orElse(null);
  }

  @Override
  public Optional<StoredPatch> findPatchByNumber(long seriesId, int number) {
    return patchesOf(seriesId).stream()
        .map(this::patch)
        .filter(p -> p.number() == number)
        .min(Comparator.comparingLong(StoredPatch::id));
  }

  private List<Long> patchesOf(long seriesId) {
    return patchesOfSeries.getOrDefault(series(seriesId).id(), List.of());
  }

  @Override
  public PendingReply addPendingReply(
      long projectId, List<String> refs, ParsedMail mail, LocalDateTime date, long arrival) {
    project(projectId);
    PendingReply reply = new PendingReply(journal.nextId(Row.PENDING_REPLY), projectId, refs, mail, date, arrival);
    restore(reply);
    journal.pendingReplyAdded(reply);
    return reply;
  }

  @Override
  public List<PendingReply> takePendingReplies(long projectId, String msgid) {
    project(projectId);
    List<PendingReply> taken = pending.take(projectId, msgid);
    taken.forEach(journal::pendingReplyTaken);
    return taken;
  }

  /** The replies still waiting for a parent, in arrival order. */
  public List<PendingReply> pendingReplies() {
    return pending.all();
  }

  private static <T> T held(Map<Long, T> rows, long id, String what) {
    T row = rows.get(id);
    if (row == null) {
      throw new IllegalArgumentException("no " + what + " with id " + id);
    }
    return row;
  }
}
