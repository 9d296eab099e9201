package org.patchpipe.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.cli.ExitCodes;
import org.patchpipe.cli.UserError;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.IngestConfig;
import org.patchpipe.ingest.MessagePreparer;
import org.patchpipe.ingest.Replay;
import org.patchpipe.ingest.ReplayListener;
import org.patchpipe.ingest.ReplayProgress;
import org.patchpipe.ingest.ReplaySummary;
import org.patchpipe.ingest.kafka.KafkaPublisher;
import org.patchpipe.ingest.kafka.Publication;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.ingest.kafka.TopicCreator;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.MailSourceKind;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchpipe bench ingest}: replay archives into an in-process broker and print the rate. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Replay archives end to end (read, parse, publish with Kafka transactions) into a broker"
          + " started in this process, and print messages/s and MB/s.",
      "",
      "Each run replays all archives into fresh topics, so runs are comparable; the broker's data"
          + " lives in a temporary directory that is deleted at the end. Target on a 2-core machine:"
          + " >= 5,000 messages/s.",
    })
final class BenchIngestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ARCHIVE", arity = "0..*",
      description = "Archives to replay (default: openrisc.mbox.gz and linux-efi.mbox.gz from ../shared/corpus).")
  List<Path> archives = new ArrayList<>();

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
      description = "Timed runs after one warm-up run (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--batch-messages", paramLabel = "N", defaultValue = "2000",
      description = "Messages per transaction (default: ${DEFAULT-VALUE}).")
  int batchMessages;

  @Option(names = "--parser-threads", paramLabel = "N",
      description = "Parser threads (default: one per core).")
  Integer parserThreads;

  @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
      description = "A Kafka producer property, e.g. compression.type=none (repeatable).")
  java.util.Map<String, String> producerProperties = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    List<Path> inputs = archives.isEmpty() ? BenchArchives.defaults("or give ARCHIVE paths") : archives;
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new UserError("no such archive: " + input + " (give ARCHIVE paths, or run from the repository root with ../shared beside it)");
      }
    }
    Path dir = Files.createTempDirectory("patchpipe-bench-ingest");
    IngestConfig ingest = IngestConfig.DEFAULT.withBatch(batchMessages, IngestConfig.DEFAULT.maxBatchBytes());
    if (parserThreads != null) {
      ingest = ingest.withParserThreads(parserThreads);
    }
    System.out.println("bench ingest: " + inputs + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, batches of " + batchMessages + ", parser threads " + ingest.parserThreads());
    try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir))) {
      List<ReplayProgress> timed = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        Topics topics = Topics.DEFAULT.withPrefix("bench-" + run + ".");
        PublisherConfig publisher = PublisherConfig.of(broker.bootstrapServers(), "bench-" + run).withTopics(topics)
            .withProducerOverrides(producerProperties);
        ReplaySummary summary = new Replay(publisher, ingest, new MailParser(ParserLimits.DEFAULT),
            Clock.systemUTC()).run(inputs, ReplayListener.NONE);
        ReplayProgress t = summary.totals();
        System.out.printf("%s %d: %,d messages, %.1f MB in %.2f s: %,.0f messages/s, %.2f MB/s"
                + " (events %,d, dead letters %,d, transactions %,d)%n",
            run == 0 ? "warm-up" : "run", run, t.messages(), t.bytes() / 1e6,
            t.elapsed().toMillis() / 1000.0, t.messagesPerSecond(), t.megabytesPerSecond(),
            t.published(), t.deadLetters(), t.transactions());
        if (run > 0) {
          timed.add(t);
        } else {
          // After the warm-up (JIT), each stage alone, to read the end-to-end number against.
          stage("stage: read only (sources; no parse, no Kafka)", inputs, false);
          stage("stage: read + parse + encode events (one thread; no Kafka)", inputs, true);
          publishOnly(broker, inputs, batchMessages, producerProperties);
        }
      }
      if (!timed.isEmpty()) {
        timed.sort(Comparator.comparingDouble(ReplayProgress::messagesPerSecond));
        ReplayProgress median = timed.get(timed.size() / 2);
        System.out.printf("median of %d runs: %,.0f messages/s, %.2f MB/s end to end (target >= 5,000 messages/s)%n",
            timed.size(), median.messagesPerSecond(), median.megabytesPerSecond());
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
    return ExitCodes.OK;
  }

  /** Times one stage of the pipeline alone, so the end-to-end number can be read against it. */
  private static void stage(String name, List<Path> inputs, boolean parse) throws IOException {
    MessagePreparer preparer = new MessagePreparer(
        new MailParser(ParserLimits.DEFAULT), Optional.empty(), Clock.systemUTC(), Integer.MAX_VALUE);
    long start = System.nanoTime();
    long messages = 0;
    long bytes = 0;
    for (Path input : inputs) {
      try (MailSource source = MailSourceKind.open(input, Optional.empty())) {
        for (Optional<SourcedMessage> m = source.next(); m.isPresent(); m = source.next()) {
          messages++;
          bytes += m.get().raw().size();
          if (parse) {
            preparer.prepare(source.id(), m.get());
          }
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %,d messages in %.2f s: %,.0f messages/s, %.2f MB/s%n",
        name, messages, seconds, messages / seconds, bytes / 1e6 / seconds);
  }

  /** Times Kafka alone: every message prepared in memory first, then only the transactions. */
  private static void publishOnly(EmbeddedBroker broker, List<Path> inputs, int batchMessages,
      java.util.Map<String, String> producerProperties) throws IOException {
    MessagePreparer preparer = new MessagePreparer(
        new MailParser(ParserLimits.DEFAULT), Optional.empty(), Clock.systemUTC(), Integer.MAX_VALUE);
    List<Publication> prepared = new ArrayList<>();
    List<String> sourceIds = new ArrayList<>();
    long bytes = 0;
    for (Path input : inputs) {
      try (MailSource source = MailSourceKind.open(input, Optional.empty())) {
        for (Optional<SourcedMessage> m = source.next(); m.isPresent(); m = source.next()) {
          prepared.add(preparer.prepare(source.id(), m.get()));
          sourceIds.add(source.id());
          bytes += m.get().raw().size();
        }
      }
    }
    Topics topics = Topics.DEFAULT.withPrefix("bench-kafka-only.");
    new TopicCreator(java.util.Map.of("bootstrap.servers", broker.bootstrapServers())).ensure(topics);
    try (KafkaPublisher publisher = new KafkaPublisher(
        PublisherConfig.of(broker.bootstrapServers(), "bench-kafka-only").withTopics(topics)
            .withProducerOverrides(producerProperties))) {
      long start = System.nanoTime();
      for (int from = 0; from < prepared.size(); from += batchMessages) {
        int to = Math.min(prepared.size(), from + batchMessages);
        publisher.publish(sourceIds.get(to - 1), prepared.subList(from, to), prepared.get(to - 1).position());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("stage: publish only (prepared in memory; Kafka transactions of %d): %,d messages in %.2f s:"
              + " %,.0f messages/s, %.2f MB/s%n",
          batchMessages, prepared.size(), seconds, prepared.size() / seconds, bytes / 1e6 / seconds);
    }
  }
}
