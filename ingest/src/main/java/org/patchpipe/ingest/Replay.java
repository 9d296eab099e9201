package org.patchpipe.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.patchpipe.event.Position;
import org.patchpipe.ingest.kafka.KafkaPublisher;
import org.patchpipe.ingest.kafka.PositionStore;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.ingest.kafka.TopicCreator;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.MailSourceKind;
import org.patchpipe.parser.MailParser;

/**
 * Replays archives (mbox, Maildir, folders, files, public-inbox epochs) into Kafka exactly once:
 * creates the topics, starts the transactional publisher (which aborts whatever a killed earlier
 * run left open), reads each input's committed position, and ingests each input from right after
 * it. Running the same replay again after it finished publishes nothing; after a crash it publishes
 * exactly what is missing.
 *
 * <pre>{@code
 * ReplaySummary summary = new Replay(publisherConfig, IngestConfig.DEFAULT, parser, Clock.systemUTC())
 *     .run(List.of(Path.of("openrisc.mbox.gz")), ReplayListener.NONE);
 * }</pre>
 *
 * <p>Throws {@link IOException} when an input is missing or unreadable (checked before anything is
 * published) and {@link org.patchpipe.ingest.kafka.PublishException} when Kafka gives up. One run
 * at a time per instance.
 */
public final class Replay {
  private final PublisherConfig publisherConfig;
  private final IngestConfig ingestConfig;
  private final MailParser parser;
  private final Clock clock;

  public Replay(PublisherConfig publisherConfig, IngestConfig ingestConfig, MailParser parser, Clock clock) {
    this.publisherConfig = publisherConfig;
    this.ingestConfig = ingestConfig;
    this.parser = parser;
    this.clock = clock;
  }

  /**
   * The default transactional id for replaying {@code inputs}: the same inputs always get the
   * same id, so a restarted replay fences the run it replaces.
   */
  public static String transactionalIdFor(List<Path> inputs) throws IOException {
    List<String> ids = new ArrayList<>();
    for (Path input : inputs) {
      ids.add(MailSourceKind.detect(input).sourceId(input));
    }
    ids.sort(null);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
      return "patchpipe-replay-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Replays {@code inputs} in order. */
  public ReplaySummary run(List<Path> inputs, ReplayListener listener) throws IOException {
    return run(inputs, listener, StopRequest.NEVER);
  }

  /**
   * Replays {@code inputs} in order until {@code stop} is requested; then commits the batch in hand
   * and returns the totals so far, leaving the rest of the inputs to the next run.
   */
  public ReplaySummary run(List<Path> inputs, ReplayListener listener, StopRequest stop) throws IOException {
    List<MailSourceKind> kinds = new ArrayList<>();
    for (Path input : inputs) {
      kinds.add(MailSourceKind.detect(input));
    }
    new TopicCreator(Map.of("bootstrap.servers", publisherConfig.bootstrapServers()))
        .ensure(publisherConfig.topics());
    List<String> failures = new ArrayList<>();
    try (KafkaPublisher publisher = new KafkaPublisher(publisherConfig);
        Ingestor ingestor = new Ingestor(ingestConfig, parser, clock, publisher, listener)) {
      Map<String, Position> committed =
          new PositionStore(publisherConfig.bootstrapServers(), publisherConfig.topics()).all();
      String lastId = "";
      for (int i = 0; i < inputs.size() && !stop.requested(); i++) {
        MailSourceKind kind = kinds.get(i);
        Path input = inputs.get(i);
        Optional<Position> after = Optional.ofNullable(committed.get(kind.sourceId(input)));
        try (MailSource source = kind.openAs(input, after)) {
          lastId = source.id();
          listener.sourceStarted(source.id(), after.map(Position::describe).orElse(null));
          ingestor.ingest(source, stop);
          source.failure().ifPresent(f -> failures.add(source.id() + ": " + f));
        }
      }
      return new ReplaySummary(ingestor.progress(lastId, 1.0), failures);
    }
  }
}
