package org.patchpipe.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Tags;
import org.patchpipe.parser.mail.ApiHeaders;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.Placement.Kind;
import org.patchpipe.parser.series.SeriesState;

/**
 * One line of {@code patchpipe parse} output: a mail as Patchwork would store it, rendered from its
 * final {@link Placement} and the tracker's state after the whole input (so series keys, person
 * names and tag totals are final, as in Patchwork's database). Keys, always all present, in order:
 * source, msgid, kind, name, prefixes, date, submitter, hash, pull_url, content, diff, headers,
 * number, series, parent, tags, error. Stateless.
 */
final class ParseRecord {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private ParseRecord() {}

  /** A record for a message the source could not deliver whole, or the parser could not handle. */
  static ObjectNode failed(String source, String msgid, String error) {
    ObjectNode r = JSON.objectNode();
    r.put("source", source);
    r.put("msgid", msgid);
    r.put("kind", Kind.ERROR.wireName());
    for (String key : List.of("name", "prefixes", "date", "submitter", "hash", "pull_url", "content",
        "diff", "headers", "number", "series", "parent", "tags")) {
      r.putNull(key);
    }
    r.put("error", error);
    return r;
  }

  static ObjectNode of(String source, Placement p, InMemorySeriesState state) {
    ObjectNode r = JSON.objectNode();
    ParsedMail mail = p.mail();
    r.put("source", source);
    r.put("msgid", mail.msgid());
    r.put("kind", p.kind().wireName());
    ParsedMail.Kept kept =
        p.kind() == Kind.PATCH || p.kind() == Kind.COVER || p.kind() == Kind.COMMENT ? (ParsedMail.Kept) mail : null;
    Envelope envelope = kept == null ? null : kept.envelope();
    if (p.kind() == Kind.PATCH || p.kind() == Kind.COVER) {
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
    ParsedMail.Patch patch = p.kind() == Kind.PATCH ? (ParsedMail.Patch) mail : null;
    r.put("hash", patch == null ? null : patch.hash());
    r.put("pull_url", patch == null ? null : patch.pullUrl());
    // Patchwork converts CRLF to LF in content when it saves (R6.9).
    String content = kept == null ? null : kept.content();
    r.put("content", content == null ? null : content.replace("\r\n", "\n"));
    r.put("diff", patch == null ? null : patch.diff());
    if (kept != null) {
      putHeaders(r.putObject("headers"), ApiHeaders.render(envelope.headers()));
    } else {
      r.putNull("headers");
    }
    Long seriesId = null;
    Integer number = null;
    if (p.patchId() != null) {
      SeriesState.StoredPatch stored = state.patch(p.patchId());
      number = stored.number();
      // A 0/n patch keeps no series although one may have been made for it (R11.3 step 5).
      seriesId = number == null ? null : stored.seriesId();
    } else if (p.coverId() != null) {
      seriesId = state.cover(p.coverId()).seriesId();
    }
    r.put("number", number);
    if (seriesId != null) {
      SeriesState.Series series = state.series(seriesId);
      ObjectNode s = r.putObject("series");
      s.put("key", state.seriesKey(seriesId));
      s.put("version", series.version());
      s.put("total", series.total());
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

  private static void putHeaders(ObjectNode target, Map<String, Object> headers) {
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      if (header.getValue() instanceof List<?> values) {
        var array = target.putArray(header.getKey());
        values.forEach(v -> array.add(String.valueOf(v)));
      } else {
        target.put(header.getKey(), String.valueOf(header.getValue()));
      }
    }
  }

  /** Patchwork's API date: ISO 8601 without zone; microseconds only where non-zero (R12.7). */
  static String format(LocalDateTime date) {
    return date.getNano() == 0 ? SECONDS.format(date) : MICROS.format(date);
  }
}
