package org.patchpipe.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.patchpipe.event.Topics;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.consume.StoreConfig;
import org.patchpipe.store.runtime.StoreRuntime;
import org.patchpipe.store.runtime.StoreServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code patchpipe store}: consume events into PostgreSQL and serve Patchwork's REST API 1.2. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    subcommands = DeadLettersCommand.class,
    description = {
      "Consume the events topic into PostgreSQL, exactly once, and serve Patchwork's REST API 1.2.",
      "",
      "Without --db the store runs an embedded PostgreSQL (no installation needed) whose data stays under"
          + " --data-dir. The consumed offsets are committed with the rows, so stopping and starting"
          + " again loses and repeats nothing. Runs until SIGTERM or Ctrl-C, which commit the batch in"
          + " hand, stop the API and the database, and exit 0.",
      "",
      "A second store on the same database and --consumer-name waits as the standby (it says so once, serves"
          + " the API) and takes over when the active one stops or dies.",
      "",
      "An event PostgreSQL or the tracker refuses is set aside (see 'store dead-letters') and the rest goes on;"
          + " the progress lines say how many were set aside.",
    },
    footer = {
      "",
      "Examples:",
      "  patchpipe store --bootstrap-servers 127.0.0.1:9092",
      "  PATCHPIPE_DB_PASSWORD=secret patchpipe store --bootstrap-servers kafka:9092 \\",
      "      --db jdbc:postgresql://db/patchwork --db-user patchwork --api-port 8080",
    })
final class StoreCommand implements Callable<Integer> {
  /** How long SIGTERM may take to commit the batch in hand and close before the process quits anyway. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  @Spec CommandSpec spec;

  // Required, but checked in call(): picocli checks a parent's required options even when a
  // subcommand (dead-letters, which needs no Kafka) is what runs.
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka brokers to read the events topic from (required).")
  String bootstrapServers;

  @Mixin StoreDatabaseOptions database;

  @Mixin ApiOptions api;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Prefix of the topic names, as given to 'replay' (default: none).")
  String topicPrefix;

  @Option(names = "--consumer-name", paramLabel = "NAME", defaultValue = "patchpipe-store",
      description = "Name the consumed offsets are stored under; one active store per name and database,"
          + " a second one stands by and takes over when it ends (default: ${DEFAULT-VALUE}).")
  String consumerName;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "1000",
      description = "Events written in one PostgreSQL transaction at most (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Override
  public Integer call() throws InterruptedException {
    if (bootstrapServers == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--bootstrap-servers=HOST:PORT'");
    }
    if (maxBatch < 1) {
      throw new UserError("--max-batch must be at least 1, not " + maxBatch);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (GracefulStop stop = GracefulStop.install(STOP_GRACE, err); StoreRuntime db = database.open()) {
      StoreConfig config = db.storeConfig(bootstrapServers)
          .withTopics(Topics.DEFAULT.withPrefix(topicPrefix))
          .withConsumerName(consumerName)
          .withMaxBatch(maxBatch);
      ApiConfig apiConfig = api.config();
      try (StoreServer server = db.serve(config, apiConfig, new StoreProgressLog(err));
          RevisionFollower revisions = new RevisionFollower(db, RevisionFollower.INTERVAL, err).start()) {
        stop.onRequest(server::stopConsuming);
        out.println("patchpipe store: consuming " + config.topics().events() + " from " + bootstrapServers
            + " into " + db.jdbcUrl());
        out.println("patchpipe store: REST API at " + server.apiUrl() + " (Ctrl-C to stop)");
        out.flush();
        server.startConsuming();
        server.awaitConsumer();
        if (!stop.requested()) {
          return ExitCodes.PARTIAL; // the consumer failed: StoreProgressLog has said why
        }
        out.println("patchpipe store: " + stop.summary(server.stats().toString()));
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}
