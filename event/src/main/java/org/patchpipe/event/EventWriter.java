package org.patchpipe.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.patchpipe.event.Position.ImapUid;
import org.patchpipe.event.Position.InboxCommit;
import org.patchpipe.event.Position.MaildirKey;
import org.patchpipe.event.Position.MboxOffset;
import org.patchpipe.parser.Envelope;
import org.patchpipe.parser.ParseWarning;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParsedMail.Comment;
import org.patchpipe.parser.ParsedMail.Other;
import org.patchpipe.parser.ParsedMail.Patch;
import org.patchpipe.parser.ParsedMail.Unparseable;
import org.patchpipe.parser.Subject;
import org.patchpipe.parser.Tags;

/**
 * Writes {@link EventCodec}'s JSON straight to bytes with Jackson's streaming generator, without
 * building a tree first: events carry whole diffs, and encoding is on ingest's hot path. The field
 * order and names here ARE the wire format; {@link EventCodec} reads them back. Thread-safe.
 */
final class EventWriter {
  private final JsonFactory factory;

  EventWriter(JsonFactory factory) {
    this.factory = factory;
  }

  byte[] event(MailEvent event) {
    ByteArrayBuilder out = new ByteArrayBuilder(4096);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schema", event.schemaVersion());
      g.writeStringField("listId", event.listId());
      g.writeStringField("sourceId", event.sourceId());
      g.writeFieldName("position");
      position(g, event.position());
      g.writeStringField("receivedAt", event.receivedAt().toString());
      g.writeNumberField("rawBytes", event.rawBytes());
      g.writeFieldName("mail");
      mail(g, event.mail());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    byte[] bytes = out.toByteArray();
    return bytes;
  }

  byte[] position(Position position) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = factory.createGenerator(out)) {
      position(g, position);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    byte[] bytes = out.toByteArray();
    return bytes;
  }

  private static void position(JsonGenerator g, Position position) throws IOException {
    g.writeStartObject();
    if (position instanceof MboxOffset p) {
      g.writeStringField("type", "mbox");
      g.writeNumberField("offset", p.offset());
      g.writeNumberField("index", p.index());
    } else if (position instanceof MaildirKey p) {
      g.writeStringField("type", "file");
      g.writeStringField("key", p.key());
    } else if (position instanceof InboxCommit p) {
      g.writeStringField("type", "commit");
      g.writeStringField("commitId", p.commitId());
    } else if (position instanceof ImapUid p) {
      g.writeStringField("type", "imap");
      g.writeStringField("folder", p.folder());
      g.writeNumberField("uidValidity", p.uidValidity());
      g.writeNumberField("uid", p.uid());
    } else {
      throw new AssertionError(position);
    }
    g.writeEndObject();
  }

  private static void mail(JsonGenerator g, ParsedMail mail) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", EventCodec.kindOf(mail));
    g.writeStringField("msgid", mail.msgid());
    if (mail instanceof ParsedMail.Kept kept) {
      envelope(g, kept.envelope());
      g.writeStringField("content", kept.content());
    }
    if (mail instanceof Patch p) {
      g.writeStringField("diff", p.diff());
      g.writeStringField("hash", p.hash());
      g.writeStringField("pullUrl", p.pullUrl());
      tags(g, p.tags());
      g.writeStringField("state", p.state());
      g.writeStringField("delegate", p.delegate());
    } else if (mail instanceof Comment c) {
      tags(g, c.tags());
      g.writeBooleanField("actionRequired", c.actionRequired());
    } else if (mail instanceof Other o) {
      g.writeStringField("reason", o.reason());
    } else if (mail instanceof Unparseable u) {
      g.writeStringField("reason", u.reason());
      g.writeStringField("ruleId", u.ruleId());
    }
    g.writeEndObject();
  }

  private static void envelope(JsonGenerator g, Envelope envelope) throws IOException {
    g.writeObjectFieldStart("envelope");
    g.writeStringField("msgid", envelope.msgid());
    g.writeArrayFieldStart("references");
    for (String reference : envelope.references()) {
      g.writeString(reference);
    }
    g.writeEndArray();
    g.writeStringField("date", envelope.date() == null ? null : envelope.date().toString());
    if (envelope.submitter() == null) {
      g.writeNullField("submitter");
    } else {
      g.writeObjectFieldStart("submitter");
      g.writeStringField("name", envelope.submitter().name());
      g.writeStringField("email", envelope.submitter().email());
      g.writeEndObject();
    }
    g.writeStringField("submitterError", envelope.submitterError());
    g.writeStringField("headers", envelope.headers());
    Subject subject = envelope.subject();
    if (subject == null) {
      g.writeNullField("subject");
    } else {
      g.writeObjectFieldStart("subject");
      g.writeStringField("name", subject.name());
      g.writeArrayFieldStart("prefixes");
      for (String prefix : subject.prefixes()) {
        g.writeString(prefix);
      }
      g.writeEndArray();
      g.writeBooleanField("reply", subject.reply());
      nullableInt(g, "number", subject.number());
      nullableInt(g, "total", subject.total());
      g.writeNumberField("version", subject.version());
      g.writeEndObject();
    }
    g.writeArrayFieldStart("warnings");
    for (ParseWarning warning : envelope.warnings()) {
      g.writeStartObject();
      g.writeStringField("ruleId", warning.ruleId());
      g.writeStringField("message", warning.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void tags(JsonGenerator g, Tags tags) throws IOException {
    if (tags == null) {
      g.writeNullField("tags");
      return;
    }
    g.writeObjectFieldStart("tags");
    g.writeNumberField("acked", tags.acked());
    g.writeNumberField("reviewed", tags.reviewed());
    g.writeNumberField("tested", tags.tested());
    g.writeEndObject();
  }

  private static void nullableInt(JsonGenerator g, String name, Integer value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }
}
