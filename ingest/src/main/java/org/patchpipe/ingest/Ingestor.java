package org.patchpipe.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.kafka.KafkaPublisher;
import org.patchpipe.ingest.kafka.Publication;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MailParser;

/**
 * The ingest loop: source → parser → publisher. Messages are read in source order, parsed and
 * encoded ahead on a few threads, and published strictly in source order, in batches: each batch
 * goes out in one Kafka transaction together with the position of its last message, so the
 * committed position never runs ahead of, nor lags behind, the committed mail.
 *
 * <pre>{@code
 * try (Ingestor ingestor = new Ingestor(IngestConfig.DEFAULT, parser, Clock.systemUTC(), publisher, listener)) {
 *   ingestor.ingest(source);
 * }
 * }</pre>
 *
 * <p>A message is never lost to a parser failure: it becomes a dead letter (see {@code
 * MessagePreparer}). {@link #ingest} throws {@link IOException} when the source cannot be read and
 * {@link org.patchpipe.ingest.kafka.PublishException} when Kafka gives up; in both cases every
 * committed batch stays committed and the next run resumes after it. Counters run across all
 * sources given to one ingestor. One per thread; {@link #close()} stops the parser threads.
 */
public final class Ingestor implements AutoCloseable {
  private static final long WINDOW_BYTES = 32L << 20;

  private record Pending(Future<Publication> publication, long bytes) {}

  private final IngestConfig config;
  private final Clock clock;
  private final KafkaPublisher publisher;
  private final ReplayListener listener;
  private final MessagePreparer preparer;
  private final ExecutorService parsers;
  private final long startNanos = System.nanoTime();
  private final Set<Long> seenMessageIds = new HashSet<>();
  private long messages;
  private long bytes;
  private long published;
  private long deadLetters;
  private long unparseable;
  private long duplicates;

  public Ingestor(
      IngestConfig config, MailParser parser, Clock clock, KafkaPublisher publisher, ReplayListener listener) {
    this.config = config;
    this.clock = clock;
    this.publisher = publisher;
    this.listener = listener;
    this.preparer = new MessagePreparer(parser, config.listId(), clock, publisher.maxRecordBytes());
    AtomicInteger n = new AtomicInteger();
    this.parsers =
        config.parserThreads() == 0
            ? null
            : Executors.newFixedThreadPool(
                config.parserThreads(),
                r -> {
                  Thread t = new Thread(r, "patchpipe-parser-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  /**
   * Reads {@code source} to its end and publishes every message. Returns the number read.
   *
   * @throws IOException if the source cannot be read
   */
  public long ingest(MailSource source) throws IOException {
    return ingest(source, StopRequest.NEVER);
  }

  /**
   * Like {@link #ingest(MailSource)}, but once {@code stop} is requested reads no further message:
   * what was already read is committed with its position and the source is left unfinished (the
   * listener hears no {@code sourceFinished}), so the next run resumes right after it.
   *
   * @throws IOException if the source cannot be read
   */
  public long ingest(MailSource source, StopRequest stop) throws IOException {
    String sourceId = source.id();
    Deque<Pending> window = new ArrayDeque<>();
    long windowBytes = 0;
    int maxWindow = Math.max(16, config.parserThreads() * 64);
    List<Publication> batch = new ArrayList<>();
    long batchBytes = 0;
    long batchStart = System.nanoTime();
    long read = 0;
    boolean more = true;
    boolean stopped = false;
    while (true) {
      if (more && stop.requested()) {
        more = false;
        stopped = true;
      }
      while (more && window.size() < maxWindow && windowBytes < WINDOW_BYTES) {
        Optional<SourcedMessage> next = source.next();
        if (next.isEmpty()) {
          more = false;
          break;
        }
        SourcedMessage message = next.get();
        long size = message.raw().size();
        windowBytes += size;
        window.add(new Pending(submit(sourceId, message), size));
      }
      Pending head = window.poll();
      if (head == null) {
        break;
      }
      windowBytes -= head.bytes;
      Publication publication = await(head.publication);
      batch.add(publication);
      batchBytes += publication.raw().length;
      read++;
      if (batch.size() >= config.maxBatchMessages()
          || batchBytes >= config.maxBatchBytes()
          || System.nanoTime() - batchStart >= config.maxBatchDelay().toNanos()) {
        commit(sourceId, batch, source);
        batch.clear();
        batchBytes = 0;
        batchStart = System.nanoTime();
      }
    }
    if (!batch.isEmpty()) {
      commit(sourceId, batch, source);
    }
    if (!stopped) {
      listener.sourceFinished(sourceId, read, source.failure().orElse(null));
    }
    return read;
  }

  private Future<Publication> submit(String sourceId, SourcedMessage message) {
    if (parsers == null) {
      return CompletableFuture.completedFuture(preparer.prepare(sourceId, message));
    }
    return parsers.submit(() -> preparer.prepare(sourceId, message));
  }

  private static Publication await(Future<Publication> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the parser", e);
    } catch (ExecutionException e) {
      // prepare() turns every failure into a dead letter; reaching here is a bug or a JVM error.
      throw new IllegalStateException("preparing a message failed: " + e.getCause(), e.getCause());
    }
  }

  private void commit(String sourceId, List<Publication> batch, MailSource source) {
    Position last = batch.get(batch.size() - 1).position();
    publisher.publish(sourceId, batch, last);
    for (Publication p : batch) {
      messages++;
      bytes += p.raw().length;
      if (p instanceof Publication.Mail mail) {
        published++;
        if (mail.kind().equals("unparseable")) {
          unparseable++;
        }
      } else {
        deadLetters++;
      }
      if (p.messageId() != null && !seenMessageIds.add(hash64(p.messageId()))) {
        duplicates++;
      }
    }
    listener.committed(progress(sourceId, source.fractionDone()));
  }

  /** The counters now. */
  public ReplayProgress progress(String sourceId, double fractionDone) {
    return new ReplayProgress(
        sourceId, messages, bytes, published, deadLetters, unparseable, duplicates, fractionDone,
        Duration.ofNanos(System.nanoTime() - startNanos), publisher.transactions(), publisher.retries());
  }

  /** FNV-1a, 64 bits: a set of these takes far less memory than a set of Message-ID strings. */
  private static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The clock events are stamped with. */
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    if (parsers != null) {
      parsers.shutdownNow();
    }
  }
}
