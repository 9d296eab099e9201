package org.patchpipe.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.event.Position.ImapUid;
import org.patchpipe.event.Position.InboxCommit;
import org.patchpipe.event.Position.MaildirKey;
import org.patchpipe.event.Position.MboxOffset;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParseWarning;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParsedMail.Comment;
import org.patchpipe.parser.ParsedMail.CoverLetter;
import org.patchpipe.parser.ParsedMail.Other;
import org.patchpipe.parser.ParsedMail.Patch;
import org.patchpipe.parser.ParsedMail.Unparseable;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Submitter;
import org.patchpipe.parser.Tags;

/**
 * Encodes {@link MailEvent}s and {@link Position}s as JSON (UTF-8) and decodes them back into the
 * parser's records. The mapping is written out field by field, not derived by reflection, so the
 * wire format changes only when this class does (and {@link MailEvent#SCHEMA_VERSION} with it).
 *
 * <pre>{@code
 * EventCodec codec = new EventCodec();
 * byte[] json = codec.encode(event);
 * MailEvent back = codec.decode(json);  // equals(event)
 * }</pre>
 *
 * <p>An event looks like {@code {"schema":1,"listId":"...","sourceId":"...","position":{"type":
 * "mbox","offset":0,"index":0},"receivedAt":"2026-01-01T00:00:00Z","rawBytes":1234,"mail":{"kind":
 * "patch","msgid":"<...>","envelope":{...},"content":"...",...}}}. Every field is always written,
 * null where the record holds null; dates are ISO-8601 ({@code receivedAt} an instant, the mail's
 * date a UTC local date-time). Immutable and thread-safe. Decoding is strict: anything that does
 * not match throws {@link EventFormatException}.
 */
public final class EventCodec {
  private final ObjectMapper mapper = new ObjectMapper();
  private final EventWriter writer = new EventWriter(mapper.getFactory());

  /** Encodes {@code event} as JSON. */
  public byte[] encode(MailEvent event) {
    return writer.event(event);
  }

  /**
   * Decodes an event.
   *
   * @throws EventFormatException if {@code json} is not an event of a known schema version
   */
  public MailEvent decode(byte[] json) {
    JsonNode root = read(json);
    int schema = integer(root, "schema");
    if (schema < 1 || schema > MailEvent.SCHEMA_VERSION) {
      throw new EventFormatException(
          "event schema version " + schema + " is not known to this reader (it knows 1 to "
              + MailEvent.SCHEMA_VERSION + "): upgrade patchpipe");
    }
    try {
      return new MailEvent(
          schema,
          text(root, "listId"),
          text(root, "sourceId"),
          position(field(root, "position")),
          Instant.parse(text(root, "receivedAt")),
          field(root, "rawBytes").asLong(),
          mail(field(root, "mail")));
    } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
      throw new EventFormatException("not a valid event: " + e.getMessage(), e);
    }
  }

  /** Encodes a position as JSON, e.g. {@code {"type":"mbox","offset":0,"index":0}}. */
  public byte[] encodePosition(Position position) {
    return writer.position(position);
  }

  /**
   * Decodes a position.
   *
   * @throws EventFormatException if {@code json} is not a position
   */
  public Position decodePosition(byte[] json) {
    try {
      return position(read(json));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EventFormatException("not a valid position: " + e.getMessage(), e);
    }
  }

  /** The kind name an event's mail has on the wire: patch, cover, comment, other, unparseable. */
  public static String kindOf(ParsedMail mail) {
    if (mail instanceof Patch) return "patch";
    if (mail instanceof CoverLetter) return "cover";
    if (mail instanceof Comment) return "comment";
    if (mail instanceof Other) return "other";
    return "unparseable";
  }

  private static Position position(JsonNode node) {
    String type = text(node, "type");
    switch (type) {
      case "mbox":
        return new MboxOffset(longValue(node, "offset"), longValue(node, "index"));
      case "file":
        return new MaildirKey(text(node, "key"));
      case "commit":
        return new InboxCommit(text(node, "commitId"));
      case "imap":
        return new ImapUid(
            text(node, "folder"), longValue(node, "uidValidity"), longValue(node, "uid"));
      default:
        throw new EventFormatException("unknown position type: " + type);
    }
  }

  private static ParsedMail mail(JsonNode node) {
    String kind = text(node, "kind");
    switch (kind) {
      case "patch":
        return new Patch(
            envelope(field(node, "envelope")),
            nullableText(node, "content"),
            nullableText(node, "diff"),
            nullableText(node, "hash"),
            nullableText(node, "pullUrl"),
            tags(node),
            nullableText(node, "state"),
            nullableText(node, "delegate"));
      case "cover":
        return new CoverLetter(envelope(field(node, "envelope")), nullableText(node, "content"));
      case "comment":
        return new Comment(
            envelope(field(node, "envelope")),
            nullableText(node, "content"),
            tags(node),
            field(node, "actionRequired").asBoolean());
      case "other":
        return new Other(nullableText(node, "msgid"), nullableText(node, "reason"));
      case "unparseable":
        return new Unparseable(
            nullableText(node, "msgid"), nullableText(node, "reason"), nullableText(node, "ruleId"));
      default:
        throw new EventFormatException("unknown mail kind: " + kind);
    }
  }

  private static Envelope envelope(JsonNode node) {
    String date = nullableText(node, "date");
    JsonNode submitter = field(node, "submitter");
    JsonNode subject = field(node, "subject");
    return new Envelope(
        nullableText(node, "msgid"),
        strings(field(node, "references")),
        date == null ? null : LocalDateTime.parse(date),
        submitter.isNull()
            ? null
            : new Submitter(nullableText(submitter, "name"), nullableText(submitter, "email")),
        nullableText(node, "submitterError"),
        nullableText(node, "headers"),
        subject.isNull()
            ? null
            : new Subject(
                nullableText(subject, "name"),
                strings(field(subject, "prefixes")),
                field(subject, "reply").asBoolean(),
                nullableInteger(subject, "number"),
                nullableInteger(subject, "total"),
                integer(subject, "version")),
        warnings(node.get("warnings")));
  }

  /** Events written before warnings were added have none: an absent field reads as empty. */
  private static List<ParseWarning> warnings(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new EventFormatException("field 'warnings' must be an array");
    }
    List<ParseWarning> warnings = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      warnings.add(new ParseWarning(nullableText(item, "ruleId"), nullableText(item, "message")));
    }
    return warnings;
  }

  private static Tags tags(JsonNode parent) {
    JsonNode node = field(parent, "tags");
    if (node.isNull()) {
      return null;
    }
    return new Tags(integer(node, "acked"), integer(node, "reviewed"), integer(node, "tested"));
  }

  private JsonNode read(byte[] json) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || !node.isObject()) {
        throw new EventFormatException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new EventFormatException("not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new EventFormatException("missing field '" + name + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isTextual()) {
      throw new EventFormatException("field '" + name + "' must be a string");
    }
    return value.textValue();
  }

  private static String nullableText(JsonNode node, String name) {
    JsonNode value = field(node, name);
    return value.isNull() ? null : text(node, name);
  }

  private static int integer(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new EventFormatException("field '" + name + "' must be an integer");
    }
    return value.intValue();
  }

  private static Integer nullableInteger(JsonNode node, String name) {
    return field(node, name).isNull() ? null : integer(node, name);
  }

  private static long longValue(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new EventFormatException("field '" + name + "' must be an integer");
    }
    return value.longValue();
  }

  private static List<String> strings(JsonNode node) {
    if (!node.isArray()) {
      throw new EventFormatException("expected an array of strings");
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new EventFormatException("expected an array of strings");
      }
      values.add(item.textValue());
    }
    return values;
  }
}
