package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;

/**
 * A {@link SeriesState} held in memory, for tests and for {@code patchpipe parse}. Lookups by msgid
 * are hash lookups, so a whole archive is tracked in linear time. Mutable and not thread-safe: one
 * per tracker. Never fails except on ids it did not hand out ({@link IllegalArgumentException}).
 */
public final class InMemorySeriesState implements SeriesState {
  private record Key(long projectId, String msgid) {}

  private record CommentRow(long parentId, LocalDateTime date, long id) {}

  private record Marker(long projectId, long submitterId, int version, int total) {}

  private final List<Person> persons = new ArrayList<>();
  private final Map<String, Integer> personByEmail = new HashMap<>();
  private final List<StoredPatch> patches = new ArrayList<>();
  private final Map<Key, Long> patchByMsgid = new HashMap<>();
  private final List<StoredCover> covers = new ArrayList<>();
  private final Map<Key, Long> coverByMsgid = new HashMap<>();
  private final Map<String, Integer> coverNames = new HashMap<>();
  private final Map<Key, List<CommentRow>> patchComments = new HashMap<>();
  private final Map<Key, List<CommentRow>> coverComments = new HashMap<>();
  private final Map<Long, Tags> tags = new HashMap<>();
  private final List<Series> series = new ArrayList<>();
  private final Map<Key, Long> references = new HashMap<>();
  private final Map<Marker, List<Long>> seriesByMarker = new HashMap<>();
  private final Map<Long, List<Long>> patchesOfSeries = new HashMap<>();
  private final Map<Long, PendingReply> pending = new HashMap<>();
  private final Map<Key, List<Long>> pendingByRef = new HashMap<>();
  private long nextCommentId = 1;
  private long nextPendingId = 1;

  private static String fold(String email) {
    // PostgreSQL iexact compares Unicode lower case; so do we.
    return email.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<Person> findPerson(String email) {
    Integer index = personByEmail.get(fold(email));
    return index == null ? Optional.empty() : Optional.of(persons.get(index));
  }

  @Override
  public Person createPerson(String email, String name) {
    Person person = new Person(persons.size() + 1L, email, name);
    persons.add(person);
    personByEmail.putIfAbsent(fold(email), persons.size() - 1);
    return person;
  }

  @Override
  public void renamePerson(long personId, String name) {
    Person old = person(personId);
    persons.set((int) personId - 1, new Person(old.id(), old.email(), name));
  }

  /** The person with this id. */
  public Person person(long personId) {
    checkId(personId, persons.size(), "person");
    return persons.get((int) personId - 1);
  }

  /** Every person, in creation order. */
  public List<Person> persons() {
    return List.copyOf(persons);
  }

  @Override
  public Optional<StoredPatch> findPatch(long projectId, String msgid) {
    Long id = patchByMsgid.get(new Key(projectId, msgid));
    return id == null ? Optional.empty() : Optional.of(patch(id));
  }

  @Override
  public Optional<StoredCover> findCover(long projectId, String msgid) {
    Long id = coverByMsgid.get(new Key(projectId, msgid));
    return id == null ? Optional.empty() : Optional.of(cover(id));
  }

  @Override
  public Optional<StoredPatch> findPatchOfComment(long projectId, String msgid) {
    return latest(patchComments.get(new Key(projectId, msgid))).map(row -> patch(row.parentId()));
  }

  @Override
  public Optional<StoredCover> findCoverOfComment(long projectId, String msgid) {
    return latest(coverComments.get(new Key(projectId, msgid))).map(row -> cover(row.parentId()));
  }

  private static Optional<CommentRow> latest(List<CommentRow> rows) {
    if (rows == null) {
      return Optional.empty();
    }
    // Patchwork orders by -date and takes the first; equal dates fall back to insertion order.
    return rows.stream()
        .max(Comparator.comparing(CommentRow::date).thenComparing(row -> -row.id()));
  }

  @Override
  public boolean hasPatchComment(long patchId, String msgid) {
    StoredPatch patch = patch(patchId);
    List<CommentRow> rows = patchComments.get(new Key(patch.projectId(), msgid));
    return rows != null && rows.stream().anyMatch(row -> row.parentId() == patchId);
  }

  @Override
  public boolean hasCoverComment(long coverId, String msgid) {
    StoredCover cover = cover(coverId);
    List<CommentRow> rows = coverComments.get(new Key(cover.projectId(), msgid));
    return rows != null && rows.stream().anyMatch(row -> row.parentId() == coverId);
  }

  @Override
  public boolean coverNameExists(String name) {
    return coverNames.containsKey(name);
  }

  @Override
  public StoredPatch addPatch(
      long projectId, ParsedMail.Patch patch, long submitterId, LocalDateTime date) {
    StoredPatch stored =
        new StoredPatch(
            patches.size() + 1L, projectId, patch.msgid(), patch.envelope().subject().name(), null, null);
    patches.add(stored);
    patchByMsgid.put(new Key(projectId, stored.msgid()), stored.id());
    return stored;
  }

  @Override
  public StoredCover addCover(
      long projectId, ParsedMail.CoverLetter cover, long submitterId, LocalDateTime date) {
    StoredCover stored =
        new StoredCover(
            covers.size() + 1L, projectId, cover.msgid(), cover.envelope().subject().name(), null);
    covers.add(stored);
    coverByMsgid.put(new Key(projectId, stored.msgid()), stored.id());
    coverNames.merge(stored.name(), 1, Integer::sum);
    return stored;
  }

  @Override
  public void addPatchComment(long patchId, ParsedMail mail, long submitterId, LocalDateTime date) {
    StoredPatch patch = patch(patchId);
    patchComments
        .computeIfAbsent(new Key(patch.projectId(), mail.msgid()), k -> new ArrayList<>())
        .add(new CommentRow(patchId, date, nextCommentId++));
  }

  @Override
  public void addCoverComment(long coverId, ParsedMail mail, long submitterId, LocalDateTime date) {
    StoredCover cover = cover(coverId);
    coverComments
        .computeIfAbsent(new Key(cover.projectId(), mail.msgid()), k -> new ArrayList<>())
        .add(new CommentRow(coverId, date, nextCommentId++));
  }

  @Override
  public Tags addPatchTags(long patchId, Tags delta) {
    patch(patchId);
    return tags.merge(patchId, delta, Tags::plus);
  }

  /** R9.2: the patch's tag totals. */
  public Tags patchTags(long patchId) {
    return tags.getOrDefault(patchId, Tags.NONE);
  }

  /** The patch with this id. */
  public StoredPatch patch(long patchId) {
    checkId(patchId, patches.size(), "patch");
    return patches.get((int) patchId - 1);
  }

  /** The cover letter with this id. */
  public StoredCover cover(long coverId) {
    checkId(coverId, covers.size(), "cover");
    return covers.get((int) coverId - 1);
  }

  @Override
  public Optional<Series> findSeriesByReference(long projectId, String msgid) {
    Long id = references.get(new Key(projectId, msgid));
    return id == null ? Optional.empty() : Optional.of(series(id));
  }

  @Override
  public List<Series> findSeriesByMarker(
      long projectId,
      long submitterId,
      int version,
      int total,
      LocalDateTime from,
      LocalDateTime to) {
    List<Series> found = new ArrayList<>();
    // Newest first; the stable sort keeps ids ascending among equal dates (database order).
    for (long id : seriesByMarker.getOrDefault(new Marker(projectId, submitterId, version, total), List.of())) {
      Series s = series(id);
      if (!s.date().isBefore(from) && !s.date().isAfter(to)) {
        found.add(s);
      }
    }
    found.sort(Comparator.comparing(Series::date).reversed());
    return found;
  }

  @Override
  public Series createSeries(
      long projectId, LocalDateTime date, long submitterId, int version, int total) {
    Series created = new Series(series.size() + 1L, projectId, date, submitterId, version, total, null, null);
    series.add(created);
    seriesByMarker
        .computeIfAbsent(new Marker(projectId, submitterId, version, total), k -> new ArrayList<>())
        .add(created.id());
    return created;
  }

  @Override
  public void addReference(long projectId, String msgid, long seriesId) {
    series(seriesId);
    references.putIfAbsent(new Key(projectId, msgid), seriesId);
  }

  @Override
  public boolean hasPatchNumber(long seriesId, int number) {
    return patchesOf(seriesId).stream().anyMatch(id -> number == patch(id).number());
  }

  @Override
  public void attachPatch(long seriesId, long patchId, int number) {
    StoredPatch old = patch(patchId);
    patches.set((int) patchId - 1,
        new StoredPatch(old.id(), old.projectId(), old.msgid(), old.name(), seriesId, number));
    patchesOfSeries.computeIfAbsent(seriesId, k -> new ArrayList<>()).add(patchId);
  }

  @Override
  public void attachCover(long seriesId, long coverId) {
    StoredCover old = cover(coverId);
    covers.set((int) coverId - 1,
        new StoredCover(old.id(), old.projectId(), old.msgid(), old.name(), seriesId));
    Series s = series(seriesId);
    replace(new Series(s.id(), s.projectId(), s.date(), s.submitterId(), s.version(), s.total(), s.name(), coverId));
  }

  @Override
  public void renameSeries(long seriesId, String name) {
    Series s = series(seriesId);
    replace(new Series(s.id(), s.projectId(), s.date(), s.submitterId(), s.version(), s.total(), name, s.coverId()));
  }

  private void replace(Series s) {
    series.set((int) s.id() - 1, s);
  }

  @Override
  public Series series(long seriesId) {
    checkId(seriesId, series.size(), "series");
    return series.get((int) seriesId - 1);
  }

  /** Every series, in creation order. */
  public List<Series> allSeries() {
    return List.copyOf(series);
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
    series(seriesId);
    return patchesOfSeries.getOrDefault(seriesId, List.of());
  }

  @Override
  public PendingReply addPendingReply(
      long projectId, List<String> refs, ParsedMail mail, LocalDateTime date, long arrival) {
    PendingReply reply = new PendingReply(nextPendingId++, projectId, refs, mail, date, arrival);
    pending.put(reply.id(), reply);
    for (String ref : reply.references()) {
      pendingByRef.computeIfAbsent(new Key(projectId, ref), k -> new ArrayList<>()).add(reply.id());
    }
    return reply;
  }

  @Override
  public List<PendingReply> takePendingReplies(long projectId, String msgid) {
    List<Long> ids = pendingByRef.remove(new Key(projectId, msgid));
    if (ids == null) {
      return List.of();
    }
    List<PendingReply> taken = new ArrayList<>();
    for (long id : ids) {
      PendingReply reply = pending.remove(id);
      if (reply != null) {
        taken.add(reply);
      }
    }
    taken.sort(Comparator.comparingLong(PendingReply::arrival));
    return taken;
  }

  /** The replies still waiting for a parent, in arrival order. */
  public List<PendingReply> pendingReplies() {
    return pending.values().stream().sorted(Comparator.comparingLong(PendingReply::arrival)).toList();
  }

  private static void checkId(long id, int size, String what) {
    if (id < 1 || id > size) {
      throw new IllegalArgumentException("no " + what + " with id " + id);
    }
  }
}
