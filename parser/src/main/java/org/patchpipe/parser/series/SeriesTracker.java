package org.patchpipe.parser.series;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.DependsOn;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.mail.PythonText;
import org.patchpipe.parser.series.Placement.InSeries;
import org.patchpipe.parser.series.Placement.Kind;
import org.patchpipe.parser.series.SeriesEvent.Category;
import org.patchpipe.parser.series.SeriesState.Person;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.parser.series.SeriesState.StoredCover;
import org.patchpipe.parser.series.SeriesState.StoredPatch;

/**
 * Decides where each parsed mail lands, given the mail before it: patch or cover letter and in
 * which series (R11.1-R11.9), comment on which patch or cover (R7.3, R7.4), or duplicate (R1.5);
 * keeps Persons' names current (R3.2) and patches' tag totals (R9.2).
 *
 * <pre>{@code
 * SeriesTracker tracker = new SeriesTracker(new InMemorySeriesState(), Clock.systemUTC());
 * Placement placement = tracker.place(projectId, arrival, parser.parse(raw, project));
 * }</pre>
 *
 * <p>Deterministic: the same mail in the same order over the same state gives the same placements;
 * the clock is read only for mail without a usable Date (R4.1). One improvement on Patchwork,
 * switched by {@code deferOrphanReplies}: a reply whose parent has not arrived is kept aside
 * ({@link Placement#awaitingParent()}) and kept as a comment when the parent arrives, reported in
 * that mail's {@link Placement#lateComments()}; Patchwork drops it (R13 item 1). Not thread-safe:
 * one tracker per state. Bad mail never throws; failures of the {@link SeriesState} propagate.
 */
public final class SeriesTracker {
  private static final Duration MARKER_WINDOW = Duration.ofMinutes(20);
  private static final int MSGID_MAX = 255;

  private final SeriesState state;
  private final Clock clock;
  private final CommentParents comments;

  /** A tracker that keeps orphan replies until their parent arrives. */
  public SeriesTracker(SeriesState state, Clock clock) {
    this(state, clock, true);
  }

  /**
   * A tracker; {@code deferOrphanReplies = false} drops orphan replies exactly as Patchwork does.
   */
  public SeriesTracker(SeriesState state, Clock clock, boolean deferOrphanReplies) {
    this.state = state;
    this.clock = clock;
    this.comments = new CommentParents(this, state, deferOrphanReplies);
  }

  /**
   * Places one mail of project {@code projectId}; {@code arrival} is its position in arrival order
   * (kept with a deferred reply so late comments report where they came from).
   */
  public Placement place(long projectId, long arrival, ParsedMail mail) {
    if (mail instanceof ParsedMail.Patch patch) {
      return placePatch(projectId, arrival, patch);
    }
    if (mail instanceof ParsedMail.CoverLetter cover) {
      return placeCover(projectId, arrival, cover);
    }
    if (mail instanceof ParsedMail.Comment comment) {
      return comments.place(projectId, arrival, comment, comment.envelope());
    }
    if (mail instanceof ParsedMail.Unparseable bad) {
      return Placement.error(arrival, mail, bad.reason());
    }
    return Placement.other(arrival, mail, false);
  }

  /** The series' key now: its cover letter's msgid, else its lowest-numbered patch's. */
  public String currentKey(long seriesId) {
    return state.seriesKey(seriesId);
  }

  /** The series as it stands now, for a placement. */
  InSeries inSeries(long seriesId) {
    Series series = state.series(seriesId);
    return new InSeries(
        series.id(), state.seriesKey(seriesId), series.version(), series.total(), series.name());
  }

  private Placement placePatch(long projectId, long arrival, ParsedMail.Patch patch) {
    Envelope envelope = patch.envelope();
    if (envelope.submitter() == null) {
      return Placement.error(arrival, patch, envelope.submitterError()); // R3.1 reject
    }
    if (state.findPatch(projectId, patch.msgid()).isPresent()) {
      return Placement.error(arrival, patch, "duplicate"); // R1.5: nothing else is written
    }
    long submitterId = person(envelope.submitter(), true);
    LocalDateTime date = dateOf(envelope);
    Subject subject = envelope.subject();
    List<String> refs = references(envelope);
    List<SeriesEvent> events = new ArrayList<>();

    // R11.3
    int number;
    int total;
    Series series = null;
    if (subject.total() == null || subject.total() == 0) {
      number = 1;
      total = 1;
    } else {
      number = subject.number();
      total = subject.total();
      series = findSeries(projectId, patch.msgid(), refs, submitterId, subject.version(), total, number, date);
    }
    if (series == null || state.patchNumbers(series.id()).contains(number)) {
      series = state.createSeries(projectId, date, submitterId, subject.version(), total);
      events.add(new SeriesEvent(Category.SERIES_CREATED, series.id()));
      // R11.2: refs first, then the patch's own msgid, never re-pointing an existing reference.
      for (String ref : refs) {
        state.addReference(projectId, ref, series.id());
      }
      state.addReference(projectId, patch.msgid(), series.id());
    }

    StoredPatch stored = state.addPatch(projectId, patch, submitterId, date);
    events.add(new SeriesEvent(Category.PATCH_CREATED, stored.id()));
    Tags tags = state.addPatchTags(stored.id(), patch.tags());
    InSeries inSeries = null;
    Integer attachedAs = null;
    if (number != 0) {
      attachPatch(series, stored, number, events);
      inSeries = inSeries(series.id());
      attachedAs = number;
    }
    // R10.5: the series chosen above, also for a patch numbered 0 that was not attached to it.
    state.addDependencies(series.id(), DependsOn.read(patch.content()));
    Placement placement =
        new Placement(arrival, Kind.PATCH, patch, date, submitterId, stored.id(), null, inSeries,
            attachedAs, null, null, tags, false, false, events, List.of(), null);
    return placement.withLateComments(comments.adopt(projectId, patch.msgid()));
  }

  /** R11.3 steps 2 and 3: by reference, else by marker within the time window. */
  private Series findSeries(
      long projectId,
      String msgid,
      List<String> refs,
      long submitterId,
      int version,
      int total,
      int number,
      LocalDateTime date) {
    Optional<Series> byReference = state.findSeriesByReference(projectId, msgid);
    for (int i = 0; byReference.isEmpty() && i < refs.size(); i++) {
      byReference = state.findSeriesByReference(projectId, refs.get(i));
    }
    if (byReference.isPresent()) {
      // Patchwork means to reject a different version here, but its check can never be true.
      return byReference.get();
    }
    List<Series> candidates =
        state.findSeriesByMarker(
            projectId, submitterId, version, total, date.minus(MARKER_WINDOW), date.plus(MARKER_WINDOW));
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    for (Series candidate : candidates) {
      if (!state.patchNumbers(candidate.id()).contains(number)) {
        return candidate;
      }
    }
    return null;
  }

  /** R11.3 step 5, R11.4 naming, R11.10 completion events. */
  private void attachPatch(Series series, StoredPatch patch, int number, List<SeriesEvent> events) {
    state.attachPatch(series.id(), patch.id(), number);
    if (number == 1 && isBlank(series.name())) {
      state.renameSeries(series.id(), patch.name());
    }
    List<Integer> numbers = state.patchNumbers(series.id());
    if (numbers.size() >= series.total()) {
      events.add(new SeriesEvent(Category.SERIES_COMPLETED, series.id()));
    }
    long lower = numbers.stream().filter(n -> n < number).count();
    if (lower != number - 1) {
      return;
    }
    events.add(new SeriesEvent(Category.PATCH_COMPLETED, patch.id()));
    // This patch may complete the run of its successors that arrived before it.
    for (int next = number + 1; numbers.contains(next); next++) {
      state.findPatchByNumber(series.id(), next)
          .ifPresent(p -> events.add(new SeriesEvent(Category.PATCH_COMPLETED, p.id())));
    }
  }

  private Placement placeCover(long projectId, long arrival, ParsedMail.CoverLetter cover) {
    Envelope envelope = cover.envelope();
    Subject subject = envelope.subject();
    // R7.3: a reply never is a cover; one with refs is not if any project has a cover of that name.
    boolean isCover =
        !subject.reply()
            && (envelope.references().isEmpty() || !state.coverNameExists(subject.name()));
    if (!isCover) {
      return comments.place(projectId, arrival, cover, envelope);
    }
    if (envelope.submitter() == null) {
      return Placement.error(arrival, cover, envelope.submitterError());
    }
    if (state.findCover(projectId, cover.msgid()).isPresent()) {
      return Placement.error(arrival, cover, "duplicate");
    }
    long submitterId = person(envelope.submitter(), true);
    LocalDateTime date = dateOf(envelope);
    List<SeriesEvent> events = new ArrayList<>();

    // R11.6: only a reference to the cover's own msgid, recorded by earlier patches, finds a series.
    Series series = state.findSeriesByReference(projectId, cover.msgid()).orElse(null);
    if (series == null) {
      int total = subject.total() == null ? 0 : subject.total();
      series = state.createSeries(projectId, date, submitterId, subject.version(), total);
      events.add(new SeriesEvent(Category.SERIES_CREATED, series.id()));
      state.addReference(projectId, cover.msgid(), series.id());
    }
    StoredCover stored = state.addCover(projectId, cover, submitterId, date);
    events.add(new SeriesEvent(Category.COVER_CREATED, stored.id()));
    InSeries inSeries = null;
    if (series.coverId() == null) {
      attachCover(series, stored);
      inSeries = inSeries(series.id());
    }
    state.addDependencies(series.id(), DependsOn.read(cover.content()));
    Placement placement =
        new Placement(arrival, Kind.COVER, cover, date, submitterId, null, stored.id(), inSeries,
            null, null, null, null, false, false, events, List.of(), null);
    return placement.withLateComments(comments.adopt(projectId, cover.msgid()));
  }

  /** R11.7 and the cover half of R11.4. */
  private void attachCover(Series series, StoredCover cover) {
    state.attachCover(series.id(), cover.id());
    String current = series.name();
    boolean firstPatchNamed =
        !isBlank(current)
            && state.findPatchByNumber(series.id(), 1).map(p -> current.equals(p.name())).orElse(false);
    if (isBlank(current) || firstPatchNamed) {
      state.renameSeries(series.id(), coverBasedName(cover.name()));
    }
  }

  /** R11.4: the cover's name without one leading bracket group. */
  static String coverBasedName(String name) {
    if (name.startsWith("[")) {
      int close = name.indexOf(']');
      if (close > 0) {
        return PythonText.lstrip(name.substring(close + 1));
      }
    }
    return PythonText.strip(name);
  }

  /**
   * R3.2: the Person for this submitter, created if new; a non-empty name overwrites the stored one
   * when {@code rename} (a late comment is older than every mail since, so it does not rename).
   */
  long person(Submitter submitter, boolean rename) {
    Optional<Person> found = state.findPerson(submitter.email());
    if (found.isEmpty()) {
      return state.createPerson(submitter.email(), submitter.name()).id();
    }
    Person person = found.get();
    String name = submitter.name();
    if (rename && !isBlank(name) && !name.equals(person.name())) {
      state.renamePerson(person.id(), name);
    }
    return person.id();
  }

  /** R4.1: the parsed date, else now on the tracker's clock (Patchwork: server local time). */
  LocalDateTime dateOf(Envelope envelope) {
    if (envelope.date() != null) {
      return envelope.date();
    }
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  /** R1.4: refs, each truncated to 255 characters at the point of use. */
  static List<String> references(Envelope envelope) {
    List<String> refs = new ArrayList<>(envelope.references().size());
    for (String ref : envelope.references()) {
      refs.add(ref.length() > MSGID_MAX ? ref.substring(0, MSGID_MAX) : ref);
    }
    return refs;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }
}
