package org.patchpipe.ingest.imap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patchpipe.event.EventHeaders;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.MessagePreparer;
import org.patchpipe.ingest.kafka.KafkaPublisher;
import org.patchpipe.ingest.kafka.PositionStore;
import org.patchpipe.ingest.kafka.PublishException;
import org.patchpipe.ingest.kafka.Publication;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.ingest.kafka.PublisherFencedException;
import org.patchpipe.ingest.kafka.TopicCreator;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MailParser;

/**
 * The daemon's {@link ImapSink} on Kafka: each folder gets its own {@link KafkaPublisher} with a
 * transactional id derived from the folder's source id ({@code patchpipe-imap:imaps://u@h:993/F}),
 * so a restarted daemon fences the process it replaces and aborts that process's open transaction,
 * and folders never wait for each other. Each batch is parsed ({@link MessagePreparer}: a mail the
 * parser cannot handle becomes a dead letter) and published with the folder's new position in one
 * transaction.
 *
 * <p>{@link #publishedMessageIds} reads the raw topic read_committed from the beginning and keeps
 * the keys (Message-IDs) of the records whose {@code patchpipe.source} header is the folder's
 * source id: the raw topic is kept forever by default, so it is the complete record of what this
 * folder published. Thread-safe: one follower thread per folder.
 */
public final class KafkaImapSink implements ImapSink, AutoCloseable {
  private final PublisherConfig config;
  private final MailParser parser;
  private final Clock clock;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  /**
   * @param config where and how to publish; its transactional id is used as a prefix, each folder
   *     appending its source id
   */
  public KafkaImapSink(PublisherConfig config, MailParser parser, Clock clock) {
    this.config = config;
    this.parser = parser;
    this.clock = clock;
  }

  /**
   * Creates the topics where missing (as {@link TopicCreator} does for replays) and returns the sink.
   *
   * @throws ImapException retriable if the cluster cannot be reached
   */
  public static KafkaImapSink open(PublisherConfig config, MailParser parser, Clock clock) throws ImapException {
    try {
      new TopicCreator(Map.of("bootstrap.servers", config.bootstrapServers())).ensure(config.topics());
    } catch (PublishException e) {
      throw new ImapException(e.getMessage(), true, e);
    }
    return new KafkaImapSink(config, parser, clock);
  }

  /** The transactional id of {@code folder}'s publisher. */
  public String transactionalId(FolderSubscription folder) {
    return config.transactionalId() + ":" + folder.sourceId();
  }

  @Override
  public Optional<Position.ImapUid> committedPosition(FolderSubscription folder) throws ImapException {
    // The publisher is made first: it aborts a killed predecessor's open transaction, which would
    // otherwise hold back the read_committed end of the positions topic.
    channel(folder);
    try {
      Optional<Position> position = new PositionStore(config.bootstrapServers(), config.topics()).committed(folder.sourceId());
      if (position.isPresent() && !(position.get() instanceof Position.ImapUid)) {
        throw new ImapException(
            "source " + folder.sourceId() + " has a committed position that is not an IMAP UID: "
                + position.get().describe(), false, null);
      }
      return position.map(Position.ImapUid.class::cast);
    } catch (PublishException e) {
      throw new ImapException(e.getMessage(), true, e);
    }
  }

  @Override
  public void publish(FolderSubscription folder, List<SourcedMessage> messages, Position.ImapUid position)
      throws ImapException {
    Channel channel = channel(folder);
    // Parsing dominates a backfill; MessagePreparer is thread-safe and toList() keeps UID order.
    List<Publication> batch =
        (messages.size() > 1 ? messages.parallelStream() : messages.stream())
            .map(m -> channel.preparer.prepare(folder.sourceId(), m))
            .toList();
    try {
      channel.publisher.publish(folder.sourceId(), batch, position);
    } catch (PublishException e) {
      // The publisher may be closed now: the next attempt starts a new one, which aborts leftovers.
      Channel dropped = channels.remove(folder.sourceId());
      if (dropped != null) dropped.publisher.close();
      boolean fenced = e instanceof PublisherFencedException;
      throw new ImapException(
          fenced
              ? "another daemon now follows " + folder.sourceId() + " (transactional id '"
                  + transactionalId(folder) + "' was taken over); this one stops"
              : "cannot publish to Kafka: " + e.getMessage(),
          !fenced, e);
    }
  }

  @Override
  public Set<String> publishedMessageIds(FolderSubscription folder) throws ImapException {
    Properties p = new Properties();
    p.put("bootstrap.servers", config.bootstrapServers());
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("default.api.timeout.ms", "60000");
    p.put("max.partition.fetch.bytes", Integer.toString(config.topics().maxMessageBytes()));
    byte[] source = folder.sourceId().getBytes(UTF_8);
    Set<String> ids = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(config.topics().raw());
      if (partitions == null || partitions.isEmpty()) return ids;
      List<TopicPartition> assigned =
          partitions.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new ImapException("could not read " + config.topics().raw() + " to its end within 10 minutes", true, null);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Header h = r.headers().lastHeader(EventHeaders.SOURCE);
          if (r.key() != null && h != null && java.util.Arrays.equals(h.value(), source)) {
            ids.add(new String(r.key(), UTF_8));
          }
        }
      }
      return ids;
    } catch (KafkaException e) {
      throw new ImapException("cannot read " + config.topics().raw() + ": " + e.getMessage(), true, e);
    }
  }

  private Channel channel(FolderSubscription folder) throws ImapException {
    try {
      return channels.computeIfAbsent(folder.sourceId(), id -> newChannel(folder));
    } catch (PublishException e) {
      throw new ImapException("cannot start publishing " + folder.sourceId() + ": " + e.getMessage(),
          !(e instanceof PublisherFencedException), e);
    }
  }

  private Channel newChannel(FolderSubscription folder) {
    KafkaPublisher publisher =
        new KafkaPublisher(
            new PublisherConfig(config.bootstrapServers(), transactionalId(folder), config.topics(),
                config.producerOverrides(), config.retryFor()));
    Optional<String> listId = folder.listId().isEmpty() ? Optional.empty() : Optional.of(folder.listId());
    return new Channel(publisher, new MessagePreparer(parser, listId, clock, publisher.maxRecordBytes()));
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) return false;
    }
    return true;
  }

  /** Closes every folder's publisher. */
  @Override
  public void close() {
    for (Channel c : channels.values()) c.publisher.close();
    channels.clear();
  }

  private record Channel(KafkaPublisher publisher, MessagePreparer preparer) {}
}
