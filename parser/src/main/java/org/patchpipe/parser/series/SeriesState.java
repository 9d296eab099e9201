package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.patchpipe.parser.DependsOn;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;

/**
 * What {@link SeriesTracker} reads and writes of Patchwork's database: persons, the patches, cover
 * letters and comments already kept, series and their references, and replies waiting for their
 * parent. Each method names the rule it serves. Ids are longs chosen by the implementation,
 * increasing in creation order (Patchwork's "database order").
 *
 * <p>The tracker calls these methods for one mail at a time and never writes before it has decided
 * the mail is not a duplicate (R1.5), so the state needs no rollback of its own. The one
 * implementation is {@link InMemorySeriesState} (durability is its {@link SeriesJournal}'s).
 * It need not be thread-safe: the tracker is sequential. Failures are unchecked exceptions (for
 * example the store's wrapped {@code SQLException}); the tracker does not catch them.
 *
 * <p>Strings compare exactly (msgids, names) except {@link #findPerson}, which ignores case.
 * Msgids passed in are already truncated to 255 characters.
 */
public interface SeriesState {

  /** A Patchwork Person (R3.2): email as first received, name as last updated (null or empty allowed). */
  record Person(long id, String email, String name) {}

  /**
   * A Patchwork Series (R11.1). {@code version}, {@code total}, {@code date} and {@code submitterId}
   * never change after creation; {@code name} (R11.4) and {@code coverId} (R11.7) may.
   *
   * @param coverId the series' cover letter, or null
   */
  record Series(
      long id,
      long projectId,
      LocalDateTime date,
      long submitterId,
      int version,
      int total,
      String name,
      Long coverId) {
    /** This series renamed (R11.4). */
    public Series withName(String newName) {
      return new Series(id, projectId, date, submitterId, version, total, newName, coverId);
    }

    /** This series with this cover letter (R11.7). */
    public Series withCover(long newCoverId) {
      return new Series(id, projectId, date, submitterId, version, total, name, newCoverId);
    }
  }

  /** A kept patch: what the tracker needs of it. {@code seriesId} and {@code number} may be null. */
  record StoredPatch(long id, long projectId, String msgid, String name, Long seriesId, Integer number) {}

  /** A kept cover letter. {@code seriesId} is null for a second cover of a series (R11.7). */
  record StoredCover(long id, long projectId, String msgid, String name, Long seriesId) {}

  /**
   * A reply whose parent has not arrived (patchpipe's improvement on R7.4, R13 item 1).
   *
   * @param references the reply's refs (R1.4), each at most 255 characters
   * @param arrival the reply's position in arrival order as the tracker numbered it
   */
  record PendingReply(
      long id, long projectId, List<String> references, ParsedMail mail, LocalDateTime date, long arrival) {
    public PendingReply {
      references = List.copyOf(references);
    }
  }

  // ---- persons (R3.2)

  /** R3.2: the Person whose email equals {@code email} ignoring case. */
  Optional<Person> findPerson(String email);

  /** R3.2: a new Person with the email as spelled and the name as parsed (may be null or empty). */
  Person createPerson(String email, String name);

  /** R3.2: overwrite the Person's name (the tracker only passes non-empty names). */
  void renamePerson(long personId, String name);

  // ---- kept mail: lookups

  /** R1.5, R7.4, R11: the Patch of this project with this msgid. */
  Optional<StoredPatch> findPatch(long projectId, String msgid);

  /** R1.5, R7.4: the Cover of this project with this msgid. */
  Optional<StoredCover> findCover(long projectId, String msgid);

  /**
   * R7.4 step 1: the patch of the PatchComment with this msgid on a patch of this project; if
   * several comments have it, the patch of the one with the latest date.
   */
  Optional<StoredPatch> findPatchOfComment(long projectId, String msgid);

  /** R7.4 step 2: as {@link #findPatchOfComment} for CoverComments and their cover. */
  Optional<StoredCover> findCoverOfComment(long projectId, String msgid);

  /** R1.5: whether this patch already has a comment with this msgid. */
  boolean hasPatchComment(long patchId, String msgid);

  /** R1.5: whether this cover already has a comment with this msgid. */
  boolean hasCoverComment(long coverId, String msgid);

  /** R7.3: whether a Cover of any project has exactly this (untruncated) name. */
  boolean coverNameExists(String name);

  // ---- kept mail: writes

  /** R7.2: keep a patch (no series yet). {@code date} is the one the tracker settled on (R4.1). */
  StoredPatch addPatch(long projectId, ParsedMail.Patch patch, long submitterId, LocalDateTime date);

  /** R7.3: keep a cover letter (no series yet). */
  StoredCover addCover(long projectId, ParsedMail.CoverLetter cover, long submitterId, LocalDateTime date);

  /**
   * R7.4, R10.4: keep a comment on a patch. {@code mail} is a {@link ParsedMail.Comment}, or a
   * {@link ParsedMail.Patch} or {@link ParsedMail.CoverLetter} that fell through to a comment.
   */
  void addPatchComment(long patchId, ParsedMail mail, long submitterId, LocalDateTime date);

  /** R7.4: keep a comment on a cover letter ({@code addressed} is always null there, R10.4). */
  void addCoverComment(long coverId, ParsedMail mail, long submitterId, LocalDateTime date);

  /** R9.2: add {@code delta} to the patch's tag totals and return the new totals. */
  Tags addPatchTags(long patchId, Tags delta);

  // ---- series (R11)

  /** R11.3 step 2, R11.6: the series owning the SeriesReference for this msgid in this project. */
  Optional<Series> findSeriesByReference(long projectId, String msgid);

  /**
   * R11.3 step 3: series of this project by this submitter with this version and total whose date
   * lies in {@code [from, to]} inclusive, newest first (ties by id ascending).
   */
  List<Series> findSeriesByMarker(
      long projectId, long submitterId, int version, int total, LocalDateTime from, LocalDateTime to);

  /** R11.1: a new series without name or cover. */
  Series createSeries(long projectId, LocalDateTime date, long submitterId, int version, int total);

  /** R11.2: record a SeriesReference unless this project already has one for this msgid. */
  void addReference(long projectId, String msgid, long seriesId);

  /** R11.3 step 5: put the patch in the series with this number. */
  void attachPatch(long seriesId, long patchId, int number);

  /** R11.7: make the cover the series' cover letter. */
  void attachCover(long seriesId, long coverId);

  /**
   * R10.5: the series depends on what {@code dependencies} name (looked up, and kept only where
   * they name another series of the same project, by the journal's owner).
   */
  void addDependencies(long seriesId, List<DependsOn.Dependency> dependencies);

  /** R11.4: set the series name. */
  void renameSeries(long seriesId, String name);

  /** The series with this id. */
  Series series(long seriesId);

  /** R11.3 step 4, R11.5, R11.10: the numbers of the patches in the series, ascending (repeats kept). */
  List<Integer> patchNumbers(long seriesId);

  /**
   * The series' key (oracle README): its cover letter's msgid, else the msgid of its
   * lowest-numbered patch (ties by patch id), else null for an empty series.
   */
  String seriesKey(long seriesId);

  /** R11.4, R11.10: the series' patch with this number (lowest id if several). */
  Optional<StoredPatch> findPatchByNumber(long seriesId, int number);

  // ---- replies waiting for their parent (improvement on R7.4)

  /** Keep a reply whose refs reach no patch or cover yet. */
  PendingReply addPendingReply(
      long projectId, List<String> references, ParsedMail mail, LocalDateTime date, long arrival);

  /**
   * Remove and return this project's pending replies that list {@code msgid} among their refs, in
   * arrival order. The tracker adds back, with {@link #addPendingReply}, a taken reply that must
   * keep waiting (a reply to a patch whose cover letter arrived first).
   */
  List<PendingReply> takePendingReplies(long projectId, String msgid);
}
