package org.patchpipe.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.IngestConfig;
import org.patchpipe.ingest.Replay;
import org.patchpipe.ingest.ReplaySummary;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchpipe replay}: replay mbox, Maildir or public-inbox archives into Kafka, exactly once. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay mbox, Maildir or public-inbox archives into Kafka, exactly once.",
      "",
      "Each INPUT is recognised by its content: an mbox (mboxo or mboxrd, plain or .gz), a Maildir"
          + " (cur/ and new/), a public-inbox v2 epoch (a bare git repository such as git/0.git),"
          + " a folder of one-message files, or one message file.",
      "Raw mail, parsed events, dead letters and each input's position are written in one Kafka"
          + " transaction per batch. Run the same command again after a crash or kill and it resumes"
          + " after the last committed message: nothing is lost or published twice. Running it again"
          + " after it finished publishes nothing.",
      "SIGTERM or Ctrl-C stops reading, commits the batch in hand and exits as if the replay had"
          + " ended there; run the command again to resume.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every message was published with an event",
      "1:the replay finished, but some messages are dead letters or an input ended early (truncated)",
      "2:the command line or an input is wrong: see the message",
      "3:Kafka could not be reached, or another process took over the same transactional id",
    })
final class ReplayCommand implements Callable<Integer> {
  /** How long SIGTERM may take to commit the batch in hand and close before the process quits anyway. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin KafkaOptions kafka;





  @Option(names = "--list-id", paramLabel = "ID",
      description = "The list every message belongs to, e.g. openrisc.lists.librecores.org. Default: each"
          + " message's List-Id header; mail without one becomes a dead letter.")
  String listId;



  @Option(names = "--retention-days", paramLabel = "TOPIC=DAYS", split = ",",
      description = "Retention of new topics: raw, events or dead-letters = days, or forever"
          + " (default: raw=forever,events=forever,dead-letters=90).")
  Map<String, String> retention = new LinkedHashMap<>();

  @Option(names = "--transactional-id", paramLabel = "ID",
      description = "Kafka transactional id. Default: derived from the inputs, so the same replay"
          + " always uses the same id and a restarted one fences the one it replaces.")
  String transactionalId;

  @Option(names = "--batch-messages", paramLabel = "N", defaultValue = "2000",
      description = "Messages per transaction at most (default: ${DEFAULT-VALUE}).")
  int batchMessages;

  @Option(names = "--parser-threads", paramLabel = "N",
      description = "Threads that parse ahead of the publisher (default: one per core).")
  Integer parserThreads;


  @Option(names = "--log-format", paramLabel = "auto|text|json", defaultValue = "auto",
      description = "Progress and summary as a live line (text) or JSON lines (json); auto picks"
          + " text on a terminal (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Archives to replay, in order.")
  List<Path> inputs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    kafka.requireOneTarget();
    String txId = transactionalId != null ? transactionalId : transactionalId(inputs);
    boolean text = switch (logFormat) {
      case "text" -> true;
      case "json" -> false;
      case "auto" -> System.console() != null;
      default -> throw new UserError("--log-format must be auto, text or json, not " + logFormat);
    };
    EmbeddedBroker broker = null;
    try (GracefulStop stop = GracefulStop.install(STOP_GRACE, err())) {
      broker = kafka.startEmbeddedBroker();
      if (broker != null) {
        err().println(kafka.describe(broker));
        err().flush();
      }
      String bootstrap = kafka.bootstrap(broker);
      ReplaySummary summary = replay(bootstrap, txId, text ? err() : spec.commandLine().getOut(), text, stop);
      if (stop.requested()) {
        err().println("patchpipe replay: " + stop.summary(summary.totals().messages() + " messages"));
        err().flush();
      }
      // Stopping is no failure: dead letters still make it 1. Kafka failing: see CommandFailures.
      return summary.clean() ? ExitCodes.OK : ExitCodes.PARTIAL;
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private ReplaySummary replay(String bootstrap, String txId, java.io.PrintWriter out, boolean text,
      GracefulStop stop) throws IOException {
    Topics topics = topics(kafka.topicPrefix, kafka.partitions, retention);
    PublisherConfig publisher =
        new PublisherConfig(bootstrap, txId, topics, kafka.producerProperties, Duration.ofMinutes(2));
    IngestConfig ingest = IngestConfig.DEFAULT.withListId(Optional.ofNullable(listId))
        .withBatch(batchMessages, IngestConfig.DEFAULT.maxBatchBytes());
    if (parserThreads != null) {
      ingest = ingest.withParserThreads(parserThreads);
    }
    ReplayProgressPrinter printer = new ReplayProgressPrinter(out, text, inputs.size());
    try {
      ReplaySummary summary = new Replay(publisher, ingest, new MailParser(ParserLimits.DEFAULT),
          Clock.systemUTC()).run(inputs, printer, stop);
      printer.summary(summary);
      return summary;
    } catch (NoSuchFileException e) {
      throw new UserError("no such file or directory: " + e.getFile());
    } catch (IOException e) {
      throw new UserError("cannot read the input: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** The topics for {@code --topic-prefix} and {@code --partitions}, default retention. */
  static Topics topics(String prefix, int partitions) {
    return topics(prefix, partitions, Map.of());
  }

  static Topics topics(String prefix, int partitions, Map<String, String> retentionDays) {
    try {
      Topics t = Topics.DEFAULT.withPrefix(prefix).withPartitions(partitions);
      Duration raw = t.rawRetention();
      Duration events = t.eventsRetention();
      Duration dead = t.deadLetterRetention();
      for (Map.Entry<String, String> e : retentionDays.entrySet()) {
        Duration days = days(e.getValue());
        switch (e.getKey()) {
          case "raw" -> raw = days;
          case "events" -> events = days;
          case "dead-letters" -> dead = days;
          default -> throw new UserError(
              "--retention-days takes raw, events or dead-letters, not " + e.getKey());
        }
      }
      return new Topics(t.raw(), t.events(), t.deadLetters(), t.positions(), t.partitions(),
          t.replicationFactor(), raw, events, dead, t.maxMessageBytes());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static Duration days(String value) {
    if (value.equals("forever")) {
      return null;
    }
    try {
      long days = Long.parseLong(value);
      if (days < 1) {
        throw new NumberFormatException();
      }
      return Duration.ofDays(days);
    } catch (NumberFormatException e) {
      throw new UserError("--retention-days wants a number of days >= 1 or forever, not " + value);
    }
  }

  private static String transactionalId(List<Path> inputs) throws IOException {
    try {
      return Replay.transactionalIdFor(inputs);
    } catch (NoSuchFileException e) {
      throw new UserError("no such file or directory: " + e.getFile());
    }
  }
}
