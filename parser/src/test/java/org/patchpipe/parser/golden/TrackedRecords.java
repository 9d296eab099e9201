package org.patchpipe.parser.golden;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.SeriesState;
import org.patchpipe.parser.series.SeriesTracker;

/**
 * Runs parsed mail through a {@link SeriesTracker} in arrival order and renders, from the final
 * state, one oracle-shaped record per mail (the oracle's records are written after the whole
 * archive, so series keys, names, persons and tags are final values too).
 */
final class TrackedRecords {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  /** The records, and each mail's final placement (late comments replace their first placement). */
  record Result(List<ObjectNode> records, List<Placement> placements) {}

  private TrackedRecords() {}

  static Result track(List<ParsedMail> mails, boolean deferOrphanReplies) {
    InMemorySeriesState state = new InMemorySeriesState();
    Clock clock = Clock.system(ZoneId.of("Australia/Canberra"));
    SeriesTracker tracker = new SeriesTracker(state, clock, deferOrphanReplies);
    Placement[] placements = new Placement[mails.size()];
    for (int i = 0; i < mails.size(); i++) {
      Placement placement = tracker.place(1, i, mails.get(i));
      placements[i] = placement;
      for (Placement late : placement.lateComments()) {
        placements[(int) late.arrival()] = late;
      }
    }
    List<ObjectNode> records = new ArrayList<>(mails.size());
    for (Placement placement : placements) {
      records.add(render(placement, state));
    }
    return new Result(records, List.of(placements));
  }

  private static ObjectNode render(Placement p, InMemorySeriesState state) {
    ObjectNode r = JSON.objectNode();
    ParsedMail mail = p.mail();
    r.put("msgid", mail.msgid());
    r.put("kind", p.kind().wireName());
    boolean kept = p.kind() == Placement.Kind.PATCH || p.kind() == Placement.Kind.COVER;
    Envelope envelope = envelope(mail);
    if (kept) {
      r.put("name", envelope.subject().name());
      envelope.subject().prefixes().forEach(r.putArray("prefixes")::add);
    } else {
      r.putNull("name");
      r.putNull("prefixes");
    }
    r.put("date", p.date() == null ? null : format(p.date()));
    if (p.submitterId() != null) {
      SeriesState.Person person = state.person(p.submitterId());
      ObjectNode submitter = r.putObject("submitter");
      submitter.put("name", person.name());
      submitter.put("email", person.email());
    } else {
      r.putNull("submitter");
    }
    ParsedMail.Patch patch = p.kind() == Placement.Kind.PATCH ? (ParsedMail.Patch) mail : null;
    r.put("hash", patch == null ? null : patch.hash());
    r.put("pull_url", patch == null ? null : patch.pullUrl());
    Long seriesId = null;
    if (p.patchId() != null) {
      SeriesState.StoredPatch stored = state.patch(p.patchId());
      r.put("number", stored.number());
      seriesId = stored.seriesId();
    } else {
      r.putNull("number");
      if (p.coverId() != null) {
        seriesId = state.cover(p.coverId()).seriesId();
      }
    }
    // A 0/n patch keeps no series although one may have been made for it (R11.3 step 5).
    if (seriesId != null && !(patch != null && state.patch(p.patchId()).number() == null)) {
      SeriesState.Series series = state.series(seriesId);
      ObjectNode s = r.putObject("series");
      s.put("key", state.seriesKey(seriesId));
      s.put("version", series.version());
      s.put("total", series.total());
      s.put("name", series.name());
    } else {
      r.putNull("series");
    }
    r.put("parent", p.parent() == null ? null : p.parent().msgid());
    if (p.patchId() != null) {
      Tags tags = state.patchTags(p.patchId());
      ObjectNode t = r.putObject("tags");
      t.put("A", tags.acked());
      t.put("R", tags.reviewed());
      t.put("T", tags.tested());
    } else {
      r.putNull("tags");
    }
    r.put("error", p.error());
    return r;
  }

  static String format(LocalDateTime date) {
    return date.getNano() == 0 ? SECONDS.format(date) : MICROS.format(date);
  }

  static Envelope envelope(ParsedMail mail) {
    return mail instanceof ParsedMail.Kept kept ? kept.envelope() : null;
  }
}
