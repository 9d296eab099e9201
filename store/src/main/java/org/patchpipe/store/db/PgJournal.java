package org.patchpipe.store.db;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.patchpipe.parser.DependsOn;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.SeriesJournal;
import org.patchpipe.parser.series.SeriesState.PendingReply;
import org.patchpipe.parser.series.SeriesState.Person;
import org.patchpipe.parser.series.SeriesState.Series;
import org.patchpipe.parser.series.SeriesState.StoredCover;
import org.patchpipe.parser.series.SeriesState.StoredPatch;

/**
 * The working set's changes written behind to Patchwork's tables (person, cover, series, patch,
 * series_reference, comments, patch_tag) and {@code pending_reply}: each change becomes rows held
 * in a batch until {@link #flush()}, which sends them in foreign-key order and then the events
 * Patchwork's model signals would have raised (R11.10, through {@link EventLog}). A new patch's
 * X-Patchwork-State and X-Patchwork-Delegate are resolved when it is journaled (R10.2, R10.3, by
 * {@link PatchHints}). Row ids come from each table's sequence ahead of the insert ({@link
 * IdBlocks}). Reads only to resolve R10.5's dependencies once the batch is written ({@link
 * SeriesDependencies}); not thread-safe; its caller commits and rolls back.
 */
final class PgJournal implements SeriesJournal {
  // Ranks: a table's rows after the rows they reference (see DeferredWrites).
  private static final int PERSON = 10, PERSON_NAME = 11, COVER = 20, SERIES = 30, SERIES_COVER = 31,
      SERIES_NAME = 32, PATCH = 40, PATCH_SERIES = 41, REFERENCE = 50, PATCH_COMMENT = 60, COVER_COMMENT = 61,
      TAG = 70, TAG_GONE = 71, PENDING = 80, PENDING_REF = 81, PENDING_GONE = 82;

  private final DeferredWrites writes;
  private final EventLog events;
  private final PatchHints hints;
  private final IdBlocks ids;
  private final PendingReplies pending;
  private final SeriesDependencies dependencies;

  PgJournal(StatementCache sql, Clock clock, int idBlock) {
    this.writes = new DeferredWrites(sql);
    this.events = new EventLog(sql, clock);
    this.hints = new PatchHints(sql);
    this.ids = new IdBlocks(sql);
    this.pending = new PendingReplies(writes, new ParsedMailJson());
    this.dependencies = new SeriesDependencies(sql);
    events.batch();
    ids.blockSize(idBlock);
  }

  @Override
  public long nextId(Row row) {
    String table = switch (row) {
      case PERSON -> "person";
      case PATCH -> "patch";
      case COVER -> "cover";
      case PATCH_COMMENT -> "patch_comment";
      case COVER_COMMENT -> "cover_comment";
      case SERIES -> "series";
      case PENDING_REPLY -> "pending_reply";
    };
    return SqlWork.unchecked(() -> ids.next(table));
  }

  @Override
  public void personCreated(Person p) {
    insert(PERSON, "person", "id, email, name", p.id(), p.email(), p.name());
  }

  @Override
  public void personRenamed(long personId, String name) {
    write(PERSON_NAME, "UPDATE person SET name = ? WHERE id = ?", name, personId);
  }

  @Override
  public void patchAdded(StoredPatch p, ParsedMail.Patch mail, long submitterId, LocalDateTime date) {
    SqlWork.unchecked(() -> {
      Envelope e = mail.envelope();
      insert(PATCH, "patch", "id, project_id, msgid, name, date, headers, submitter_id, content, diff, pull_url,"
          + " hash, state_id, delegate_id", p.id(), p.projectId(), p.msgid(), p.name(), date, nonNull(e.headers()),
          submitterId, mail.content(), mail.diff(), mail.pullUrl(), mail.hash(), hints.state(mail.state()),
          hints.delegate(p.projectId(), mail.delegate(), mail.diff()).orElse(null));
      events.patchCreated(p.projectId(), p.id());
      return null;
    });
  }

  @Override
  public void coverAdded(StoredCover c, ParsedMail.CoverLetter mail, long submitterId, LocalDateTime date) {
    SqlWork.unchecked(() -> {
      insert(COVER, "cover", "id, project_id, msgid, name, date, headers, submitter_id, content", c.id(),
          c.projectId(), c.msgid(), c.name(), date, nonNull(mail.envelope().headers()), submitterId, mail.content());
      events.coverCreated(c.projectId(), c.id());
      return null;
    });
  }

  @Override
  public void patchCommentAdded(long id, StoredPatch patch, ParsedMail mail, long submitterId, LocalDateTime date) {
    SqlWork.unchecked(() -> {
      // R10.4: X-Patchwork-Action-Required on a patch comment marks it not yet addressed.
      Boolean addressed = mail instanceof ParsedMail.Comment c && c.actionRequired() ? Boolean.FALSE : null;
      insert(PATCH_COMMENT, "patch_comment", "id, patch_id, msgid, date, headers, submitter_id, content, addressed",
          id, patch.id(), mail.msgid(), date, nonNull(kept(mail).envelope().headers()), submitterId, kept(mail).content(),
          addressed);
      events.patchCommentCreated(patch.projectId(), patch.id(), id);
      return null;
    });
  }

  @Override
  public void coverCommentAdded(long id, StoredCover cover, ParsedMail mail, long submitterId, LocalDateTime date) {
    SqlWork.unchecked(() -> {
      insert(COVER_COMMENT, "cover_comment", "id, cover_id, msgid, date, headers, submitter_id, content", id,
          cover.id(), mail.msgid(), date, nonNull(kept(mail).envelope().headers()), submitterId, kept(mail).content());
      events.coverCommentCreated(cover.projectId(), cover.id(), id);
      return null;
    });
  }

  @Override
  public void patchTagsChanged(long patchId, Tags now, Tags delta) {
    int[] counts = {now.acked(), now.reviewed(), now.tested()};
    int[] changes = {delta.acked(), delta.reviewed(), delta.tested()};
    // R9.3: one row per tag with a count above zero; tag ids 1..3 are the seeded A, R, T. Totals
    // only grow, so a tag the delta leaves alone needs no statement.
    for (int tag = 1; tag <= 3; tag++) {
      if (changes[tag - 1] == 0) {
        continue;
      }
      if (counts[tag - 1] > 0) {
        write(TAG, "INSERT INTO patch_tag (patch_id, tag_id, count) VALUES (?, ?, ?)"
            + " ON CONFLICT (patch_id, tag_id) DO UPDATE SET count = excluded.count", patchId, (long) tag,
            counts[tag - 1]);
      } else {
        write(TAG_GONE, "DELETE FROM patch_tag WHERE patch_id = ? AND tag_id = ?", patchId, (long) tag);
      }
    }
  }

  @Override
  public void seriesCreated(Series s) {
    SqlWork.unchecked(() -> {
      insert(SERIES, "series", "id, project_id, date, submitter_id, version, total", s.id(), s.projectId(),
          s.date(), s.submitterId(), s.version(), s.total());
      events.seriesCreated(s.projectId(), s.id());
      return null;
    });
  }

  @Override
  public void referenceAdded(long projectId, String msgid, long seriesId) {
    // The working set never adds a reference twice; the conflict clause guards a reference added
    // meanwhile by something else.
    write(REFERENCE, "INSERT INTO series_reference (project_id, msgid, series_id) VALUES (?, ?, ?)"
        + " ON CONFLICT (project_id, msgid) DO NOTHING", projectId, msgid, seriesId);
  }

  @Override
  public void patchAttached(Series series, List<Integer> numbersBefore, long patchId, int number,
      IntToLongFunction higher) {
    SqlWork.unchecked(() -> {
      write(PATCH_SERIES, "UPDATE patch SET series_id = ?, number = ? WHERE id = ?", series.id(), number, patchId);
      new Completion(series, numbersBefore, number).record(higher, events, patchId);
      return null;
    });
  }

  @Override
  public void coverAttached(long seriesId, long coverId) {
    write(SERIES_COVER, "UPDATE series SET cover_letter_id = ? WHERE id = ?", coverId, seriesId);
  }

  @Override
  public void dependenciesFound(Series series, List<DependsOn.Dependency> found) {
    dependencies.add(series.id(), series.projectId(), found);
  }

  @Override
  public void seriesRenamed(long seriesId, String name) {
    write(SERIES_NAME, "UPDATE series SET name = ? WHERE id = ?", name, seriesId);
  }

  @Override
  public void pendingReplyAdded(PendingReply reply) {
    SqlWork.unchecked(() -> {
      pending.add(reply, PENDING, PENDING_REF);
      return null;
    });
  }

  @Override
  public void pendingReplyTaken(PendingReply reply) {
    write(PENDING_GONE, "DELETE FROM pending_reply WHERE id = ?", reply.id());
  }

  /** Sends every journaled row, then the series dependencies they name (R10.5), then the events; call before committing. */
  void flush() {
    SqlWork.unchecked(() -> {
      writes.flush();
      dependencies.flush();
      events.flush();
      // States and delegation rules change only by hand: the next transaction reads them afresh.
      hints.forget();
      return null;
    });
  }

  private void insert(int rank, String table, String columns, Object... values) {
    write(rank, "INSERT INTO " + table + " (" + columns + ") VALUES (?" + ", ?".repeat(values.length - 1) + ")",
        values);
  }

  private void write(int rank, String statement, Object... args) {
    SqlWork.unchecked(() -> {
      writes.add(rank, statement, args);
      return null;
    });
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
}
