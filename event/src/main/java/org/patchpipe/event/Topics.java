package org.patchpipe.event;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The four Kafka topics of a patchpipe installation, their partition count and retention. Immutable.
 *
 * <ul>
 *   <li>{@link #raw()} ({@code patchpipe.mail.raw}): every mail's exact bytes, keyed by Message-ID,
 *       source and position in record headers ({@link EventHeaders}). The replayable truth: kept
 *       forever by default.
 *   <li>{@link #events()} ({@code patchpipe.mail.events}): one {@link MailEvent} (JSON, {@link
 *       EventCodec}) per parsed mail, keyed by list id so one project's mail stays in order on one
 *       partition. Kept forever by default, so a store can be rebuilt from it.
 *   <li>{@link #deadLetters()} ({@code patchpipe.mail.dead-letters}): the raw bytes of mail that
 *       could not be parsed or read whole, with the reason in a header. 90 days by default.
 *   <li>{@link #positions()} ({@code patchpipe.ingest.positions}): the last committed {@link
 *       Position} of each source, keyed by source id; compacted, one partition.
 * </ul>
 *
 * <p>{@link #maxMessageBytes} is set on the topics as {@code max.message.bytes}: large enough for
 * the parser's biggest mail (64 MiB by default) with room for the record's other fields.
 *
 * @param partitions partitions of the raw, events and dead-letter topics
 * @param replicationFactor replicas per partition (1 for the single-node broker)
 * @param rawRetention how long raw mail is kept; null keeps it forever
 * @param eventsRetention how long events are kept; null keeps them forever
 * @param deadLetterRetention how long dead letters are kept; null keeps them forever
 */
public record Topics(
    String raw,
    String events,
    String deadLetters,
    String positions,
    int partitions,
    short replicationFactor,
    Duration rawRetention,
    Duration eventsRetention,
    Duration deadLetterRetention,
    int maxMessageBytes) {

  /** The defaults described above: 3 partitions, replication factor 1. */
  public static final Topics DEFAULT =
      new Topics(
          "patchpipe.mail.raw",
          "patchpipe.mail.events",
          "patchpipe.mail.dead-letters",
          "patchpipe.ingest.positions",
          3,
          (short) 1,
          null,
          null,
          Duration.ofDays(90),
          80 << 20);

  public Topics {
    Objects.requireNonNull(raw, "topics.raw");
    Objects.requireNonNull(events, "topics.events");
    Objects.requireNonNull(deadLetters, "topics.dead-letters");
    Objects.requireNonNull(positions, "topics.positions");
    if (List.of(raw, events, deadLetters, positions).stream().distinct().count() != 4) {
      throw new IllegalArgumentException("topics.*: the four topic names must differ");
    }
    if (partitions < 1) throw new IllegalArgumentException("topics.partitions must be >= 1");
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("topics.replication-factor must be >= 1");
    }
    if (maxMessageBytes < 1 << 20) {
      throw new IllegalArgumentException("topics.max-message-bytes must be >= 1 MiB");
    }
  }

  /**
   * The topic the store publishes Patchwork's events to, as the API's event JSON, for consumers
   * on Kafka: {@code patchpipe.events} beside {@code patchpipe.mail.events} (with the same prefix).
   */
  public String patchworkEvents() {
    String mail = "mail.events";
    return events.endsWith(mail) ? events.substring(0, events.length() - mail.length()) + "events"
        : events + ".patchwork";
  }

  /** These topics with every name prefixed, e.g. {@code test-1.} for an isolated test run. */
  public Topics withPrefix(String prefix) {
    return new Topics(
        prefix + raw, prefix + events, prefix + deadLetters, prefix + positions, partitions,
        replicationFactor, rawRetention, eventsRetention, deadLetterRetention, maxMessageBytes);
  }

  /** These topics with another partition count for raw, events and dead letters. */
  public Topics withPartitions(int count) {
    return new Topics(
        raw, events, deadLetters, positions, count, replicationFactor, rawRetention,
        eventsRetention, deadLetterRetention, maxMessageBytes);
  }

  /** The four names. */
  public List<String> names() {
    return List.of(raw, events, deadLetters, positions);
  }

  /** The partition count {@code topic} is created with. */
  public int partitionsOf(String topic) {
    return topic.equals(positions) ? 1 : partitions;
  }

  /** The topic-level configs {@code topic} is created with (Kafka's config names). */
  public Map<String, String> configsOf(String topic) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("max.message.bytes", Integer.toString(maxMessageBytes));
    if (topic.equals(positions)) {
      configs.put("cleanup.policy", "compact");
      configs.put("retention.ms", "-1");
    } else if (topic.equals(raw)) {
      configs.put("retention.ms", millis(rawRetention));
    } else if (topic.equals(events)) {
      configs.put("retention.ms", millis(eventsRetention));
    } else if (topic.equals(deadLetters)) {
      configs.put("retention.ms", millis(deadLetterRetention));
    } else {
      throw new IllegalArgumentException("not one of these topics: " + topic);
    }
    return configs;
  }

  private static String millis(Duration retention) {
    return retention == null ? "-1" : Long.toString(retention.toMillis());
  }
}
