package org.patchpipe.parser.series;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.patchpipe.parser.DependsOn;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.SeriesState.PendingReply;
import org.patchpipe.parser.series.SeriesState.Person;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.parser.series.SeriesState.StoredCover;
import org.patchpipe.parser.series.SeriesState.StoredPatch;

/** {@link SeriesJournal#none()}: the working set alone, ids counted from 1 per kind of row. */
final class Unjournaled implements SeriesJournal {
  private final Map<Row, Long> last = new EnumMap<>(Row.class);

  @Override
  public long nextId(Row row) {
    return last.merge(row, 1L, Long::sum);
  }

  @Override
  public void personCreated(Person person) {}

  @Override
  public void personRenamed(long personId, String name) {}

  @Override
  public void patchAdded(StoredPatch patch, ParsedMail.Patch mail, long submitterId, LocalDateTime date) {}

  @Override
  public void coverAdded(StoredCover cover, ParsedMail.CoverLetter mail, long submitterId, LocalDateTime date) {}

  @Override
  public void patchCommentAdded(long id, StoredPatch patch, ParsedMail mail, long submitterId, LocalDateTime date) {}

  @Override
  public void coverCommentAdded(long id, StoredCover cover, ParsedMail mail, long submitterId, LocalDateTime date) {}

  @Override
  public void patchTagsChanged(long patchId, Tags now, Tags delta) {}

  @Override
  public void seriesCreated(Series series) {}

  @Override
  public void referenceAdded(long projectId, String msgid, long seriesId) {}

  @Override
  public void patchAttached(Series series, List<Integer> numbersBefore, long patchId, int number,
      IntToLongFunction higher) {}

  @Override
  public void coverAttached(long seriesId, long coverId) {}

  @Override
  public void dependenciesFound(Series series, List<DependsOn.Dependency> dependencies) {}

  @Override
  public void seriesRenamed(long seriesId, String name) {}

  @Override
  public void pendingReplyAdded(PendingReply reply) {}

  @Override
  public void pendingReplyTaken(PendingReply reply) {}
}
