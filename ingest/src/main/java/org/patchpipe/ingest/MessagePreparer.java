package org.patchpipe.ingest;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.MailEvent;
import org.patchpipe.ingest.kafka.Publication;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.ListIds;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.MessageIds;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;

/**
 * Turns one {@link SourcedMessage} into what is published for it: parses it for its list's project
 * and encodes the {@link MailEvent}, or decides it is a dead letter and says why. Never throws for
 * a message: a defective source message, a missing list id, a parser that throws (any exception,
 * a stack overflow, running out of memory on a huge mail) or a record too large for Kafka all
 * become {@link Publication.DeadLetter}s. Each publication carries the mail's Message-ID as {@link
 * MessageIds} reads it (the synthetic one where it has none), the raw topic's key by which an IMAP
 * re-scan recognises it. Thread-safe, so several parser threads share one.
 *
 * <pre>{@code
 * MessagePreparer preparer = new MessagePreparer(parser, Optional.empty(), Clock.systemUTC(), publisher.maxRecordBytes());
 * publisher.publish(sourceId, List.of(preparer.prepare(sourceId, message)), message.position());
 * }</pre>
 */
public final class MessagePreparer {
  private final MailParser parser;
  private final Optional<String> listId;
  private final Clock clock;
  private final int maxRecordBytes;
  private final EventCodec codec = new EventCodec();
  private final Map<String, Project> projects = new ConcurrentHashMap<>();

  /**
   * @param listId the list every message belongs to; empty takes each message's List-Id header
   * @param clock stamps each event's {@code receivedAt}
   * @param maxRecordBytes {@link org.patchpipe.ingest.kafka.KafkaPublisher#maxRecordBytes()}
   */
  public MessagePreparer(MailParser parser, Optional<String> listId, Clock clock, int maxRecordBytes) {
    this.parser = parser;
    this.listId = listId;
    this.clock = clock;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** What to publish for {@code message}, read from {@code sourceId}. Never throws for bad mail. */
  public Publication prepare(String sourceId, SourcedMessage message) {
    RawMessage raw = message.raw();
    byte[] bytes = raw.bytes();
    Optional<String> list = listId.or(() -> ListIds.find(raw));
    if (message.defect() != null) {
      return dead(bytes, raw, message, list.orElse(null), message.defect(), false);
    }
    if (list.isEmpty()) {
      return dead(bytes, raw, message, null,
          "no List-Id header: replay it with --list-id to say which list it belongs to", true);
    }
    if (bytes.length > maxRecordBytes) {
      return dead(bytes, raw, message, list.get(),
          "message of " + bytes.length + " bytes is larger than the " + maxRecordBytes
              + " bytes a record may have", false);
    }
    ParsedMail parsed;
    try {
      Project project = projects.computeIfAbsent(list.get(), Project::ofListId);
      parsed = parser.parse(raw, project);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return dead(bytes, raw, message, list.get(), "parser failed: " + e, true);
    }
    byte[] event;
    try {
      MailEvent mailEvent =
          MailEvent.of(list.get(), sourceId, message.position(), clock.instant(), bytes.length, parsed);
      event = codec.encode(mailEvent);
    } catch (RuntimeException | OutOfMemoryError e) {
      return dead(bytes, raw, message, list.get(), "event could not be encoded: " + e, true);
    }
    if (event.length > maxRecordBytes) {
      return dead(bytes, raw, message, list.get(),
          "its event of " + event.length + " bytes is larger than the " + maxRecordBytes
              + " bytes a record may have", true);
    }
    // The parser's msgid is MessageIds' reading; only mail it rejects early may lack one.
    String messageId = parsed.msgid() != null ? parsed.msgid() : MessageIds.of(raw);
    return new Publication.Mail(
        bytes, messageId, message.position(), list.get(), EventCodec.kindOf(parsed), event);
  }

  private Publication.DeadLetter dead(
      byte[] bytes, RawMessage raw, SourcedMessage message, String list, String reason, boolean whole) {
    byte[] kept = bytes;
    if (bytes.length > maxRecordBytes) {
      kept = java.util.Arrays.copyOf(bytes, maxRecordBytes);
      whole = false;
      reason = reason + " (only its first " + maxRecordBytes + " bytes are kept here)";
    }
    return new Publication.DeadLetter(kept, MessageIds.of(raw), message.position(), list, reason, whole);
  }
}
