package org.patchpipe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.BrokerException;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.IngestConfig;
import org.patchpipe.ingest.Replay;
import org.patchpipe.ingest.ReplayListener;
import org.patchpipe.ingest.ReplayProgress;
import org.patchpipe.ingest.ReplaySummary;
import org.patchpipe.ingest.StopRequest;
import org.patchpipe.ingest.kafka.PublishException;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.db.ProjectRepository;
import org.patchpipe.store.runtime.StoreRuntime;
import org.patchpipe.store.runtime.StoreServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code patchpipe run}: broker, replay, store and API in one process on embedded defaults. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline in one process: an in-process Kafka broker, a replay of INPUT into it,"
          + " the store consuming it into an embedded PostgreSQL, and Patchwork's REST API 1.2.",
      "",
      "Without INPUT the sample mbox shipped with patchpipe is replayed. Everything is kept under"
          + " --data-dir, so running again resumes: mail already replayed is not published or stored twice."
          + " Prints the API address when the replay is stored, then serves until SIGTERM or Ctrl-C, which"
          + " (as at any point before) commit the batches in hand, stop everything and exit 0.",
    },
    footer = {
      "",
      "Examples:",
      "  patchpipe run",
      "  patchpipe run --api-port 8080 archive.mbox.gz maildir/",
      "  curl http://127.0.0.1:8000/api/1.2/patches/",
    })
final class RunCommand implements Callable<Integer> {
  /** How long SIGTERM may take to commit the batches in hand and close before the process quits anyway. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "INPUT", arity = "0..*",
      description = "mbox (optionally .gz), Maildir, folder of mail files, or public-inbox repository (default: the sample).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "patchpipe-data",
      description = "Where the broker, the database and the sample are kept (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Mixin ApiOptions api;

  @Option(names = "--list-id", paramLabel = "LIST_ID",
      description = "Replay every message for this list (project), ignoring List-Id headers.")
  String listId;

  @Option(names = "--exit-when-stored",
      description = "Exit once the replay is stored instead of serving the API until Ctrl-C.")
  boolean exitWhenStored;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> replay = inputs.isEmpty() ? List.of(RunSample.install(dataDir)) : inputs;
    for (Path input : replay) {
      if (!Files.exists(input)) {
        throw new UserError("no such input: " + input);
      }
    }
    ApiConfig apiConfig = api.config();
    try (GracefulStop stop = GracefulStop.install(STOP_GRACE, err)) {
      EmbeddedBroker broker = startBroker();
      StoreRuntime db = null;
      StoreServer server = null;
      RevisionFollower revisions = null;
      try {
        db = StoreRuntime.open(StoreRuntime.Database.embedded(dataDir.resolve("postgres")));
        out.println("patchpipe run: Kafka at " + broker.bootstrapServers() + ", PostgreSQL at " + db.jdbcUrl());
        out.flush();
        server = db.serve(db.storeConfig(broker.bootstrapServers()), apiConfig, new StoreProgressLog(err));
        stop.onRequest(server::stopConsuming);
        revisions = new RevisionFollower(db, RevisionFollower.INTERVAL, err).start();
        ReplaySummary summary = replay(replay, broker, err, stop);
        out.println("patchpipe run: replayed " + summary.totals().messages() + " messages ("
            + summary.totals().deadLetters() + " dead letters)"
            + (summary.clean() ? "" : "; failures: " + String.join("; ", summary.sourceFailures())));
        boolean caughtUp = !stop.requested() && server.catchUp(Duration.ofMinutes(30));
        if (!stop.requested()) {
          out.println("patchpipe run: stored " + server.stats() + (caughtUp ? "" : " (not caught up yet)"));
          int linked = revisions.catchUp();
          if (linked >= 0) {
            out.println("patchpipe run: " + linked + " series linked to their earlier revision");
          }
          printProjects(db, out, err);
          out.println("patchpipe run: REST API at " + server.apiUrl() + (exitWhenStored ? "" : " (Ctrl-C to stop)"));
          out.flush();
          if (exitWhenStored) {
            return summary.clean() && caughtUp ? ExitCodes.OK : ExitCodes.PARTIAL;
          }
          server.startConsuming();
          server.awaitConsumer();
          if (!stop.requested()) {
            return ExitCodes.PARTIAL; // the consumer failed: StoreProgressLog has said why
          }
        }
        out.println("patchpipe run: " + stop.summary(summary.totals().messages() + " messages replayed, "
            + server.stats() + " stored"));
        out.flush();
        return ExitCodes.OK;
      } finally {
        if (revisions != null) {
          revisions.close();
        }
        if (server != null) {
          server.close();
        }
        if (db != null) {
          db.close();
        }
        broker.close();
      }
    }
  }

  private static void printProjects(StoreRuntime db, PrintWriter out, PrintWriter err) {
    try (java.sql.Connection c = db.connect()) {
      for (ProjectRepository.Summary project : new ProjectRepository(c).summaries()) {
        out.println("patchpipe run:   " + project);
      }
    } catch (java.sql.SQLException e) {
      err.println("patchpipe run: cannot read the totals: " + e.getMessage());
    }
  }

  private EmbeddedBroker startBroker() {
    try {
      Files.createDirectories(dataDir);
      return EmbeddedBroker.start(BrokerConfig.ofRandomPort(dataDir.resolve("broker")));
    } catch (IOException | BrokerException e) {
      throw new UserError("cannot start the Kafka broker in " + dataDir.resolve("broker") + ": " + e.getMessage(), e);
    }
  }

  private ReplaySummary replay(List<Path> paths, EmbeddedBroker broker, PrintWriter err, StopRequest stop) {
    try {
      PublisherConfig publisher = PublisherConfig.of(broker.bootstrapServers(), Replay.transactionalIdFor(paths))
          .withTopics(Topics.DEFAULT);
      IngestConfig ingest = IngestConfig.DEFAULT.withListId(Optional.ofNullable(listId));
      return new Replay(publisher, ingest, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())
          .run(paths, new ReplayListener() {
            @Override
            public void committed(ReplayProgress progress) {
              err.printf("patchpipe run: replayed %d messages%n", progress.messages());
              err.flush();
            }
          }, stop);
    } catch (IOException e) {
      throw new UserError("cannot read the input: " + e.getMessage(), e);
    } catch (PublishException e) {
      throw new UserError("cannot publish to the broker: " + e.getMessage(), e);
    }
  }
}
