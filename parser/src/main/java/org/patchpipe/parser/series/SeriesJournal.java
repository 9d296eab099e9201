package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.patchpipe.parser.DependsOn;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.SeriesState.PendingReply;
import org.patchpipe.parser.series.SeriesState.Person;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.parser.series.SeriesState.StoredCover;
import org.patchpipe.parser.series.SeriesState.StoredPatch;

/**
 * Where {@link InMemorySeriesState} sends every change to its working set, in the order it makes
 * them: the write-behind half of the one series-state mechanism. {@code patchpipe parse} runs
 * without one ({@link #NONE}); the store journals each change for PostgreSQL and writes them out,
 * a table's rows after the rows they reference, when its transaction ends. The working set has
 * already answered every question from memory, so a journal never needs to be read back.
 *
 * <p>A journal also hands out the ids of new rows ({@link #nextId}), because a durable one must
 * use the ids its database will keep. Implementations need not be thread-safe.
 */
public interface SeriesJournal {
  /** The kinds of rows that get an id; each has its own increasing sequence. */
  enum Row { PERSON, PATCH, COVER, PATCH_COMMENT, COVER_COMMENT, SERIES, PENDING_REPLY }

  /** A new journal that writes nothing and numbers each kind of row 1, 2, ... (as Patchwork's empty database would). */
  static SeriesJournal none() {
    return new Unjournaled();
  }

  /** The id of the next new row of this kind, greater than every id of that kind before. */
  long nextId(Row row);

  void personCreated(Person person);

  void personRenamed(long personId, String name);

  void patchAdded(StoredPatch patch, ParsedMail.Patch mail, long submitterId, LocalDateTime date);

  void coverAdded(StoredCover cover, ParsedMail.CoverLetter mail, long submitterId, LocalDateTime date);

  void patchCommentAdded(long commentId, StoredPatch patch, ParsedMail mail, long submitterId, LocalDateTime date);

  void coverCommentAdded(long commentId, StoredCover cover, ParsedMail mail, long submitterId, LocalDateTime date);

  /** R9.3: the patch's totals are now {@code now} after adding {@code delta}. */
  void patchTagsChanged(long patchId, Tags now, Tags delta);

  void seriesCreated(Series series);

  void referenceAdded(long projectId, String msgid, long seriesId);

  /**
   * R11.3 step 5: the patch joined {@code series}, whose patches had {@code numbersBefore}
   * (ascending); {@code higher} gives the series' patch id for a number already present.
   */
  void patchAttached(Series series, List<Integer> numbersBefore, long patchId, int number,
      IntToLongFunction higher);

  void coverAttached(long seriesId, long coverId);

  /** R10.5: a patch or cover letter of {@code series} names these dependencies. */
  void dependenciesFound(Series series, List<DependsOn.Dependency> dependencies);

  void seriesRenamed(long seriesId, String name);

  void pendingReplyAdded(PendingReply reply);

  void pendingReplyTaken(PendingReply reply);
}
