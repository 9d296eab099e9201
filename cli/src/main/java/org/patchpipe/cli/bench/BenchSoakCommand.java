package org.patchpipe.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.cli.ExitCodes;
import org.patchpipe.cli.UserError;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.imap.DovecotProcess;
import org.patchpipe.ingest.imap.FolderSubscription;
import org.patchpipe.ingest.imap.ImapAppender;
import org.patchpipe.ingest.imap.ImapDaemon;
import org.patchpipe.ingest.imap.ImapSettings;
import org.patchpipe.ingest.imap.KafkaImapSink;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.ingest.kafka.TopicCreator;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.store.api.ApiConfig;
import org.patchpipe.store.consume.ConsumerStats;
import org.patchpipe.store.db.UserRepository;
import org.patchpipe.store.embedded.PostgresConfig;
import org.patchpipe.store.runtime.StoreRuntime;
import org.patchpipe.store.runtime.StoreServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe bench soak}: the whole pipeline under steady load for a long time, to show that
 * nothing grows or stalls. Replay ({@link SoakReplay}), the IMAP daemon's follower over a folder
 * that {@link SoakImapFeed} keeps delivering into, the store consuming both into PostgreSQL and
 * the API under {@link SoakApiLoad} all run at once in this process; each interval prints what
 * {@link SoakProbe} reads and what each part did ({@link SoakReport}), and the end checks that
 * every mail was stored once ({@link SoakCheck}).
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Soak test: replay, store, the IMAP follower and API load all at once for --minutes, printing each"
          + " minute the heap in use after a full GC, open file descriptors, live threads, the consumer lag"
          + " (events published but not yet stored) and what each part did in that minute.",
      "",
      "Starts an in-process Kafka broker, an embedded PostgreSQL and a throwaway Dovecot (dovecot-imapd must"
          + " be installed) under --work-dir. The replay publishes freshly generated mboxes round after round;"
          + " a generated list APPENDs series to an IMAP folder that the daemon's follower publishes; the store"
          + " consumes both and serves the API, which --api-clients browse (lists, details, comments, mbox"
          + " downloads, events) and write to (patch state changes with a maintainer's token).",
      "",
      "Exit 0 when the soak passed; 1 when heap, descriptors or threads at the last minute exceed the first"
          + " minute's by more than their margins, when a part made no progress in a minute while it had input,"
          + " when an API request failed, or when at the end (inputs stopped, store caught up) a mail was lost"
          + " or stored twice.",
    })
final class BenchSoakCommand implements Callable<Integer> {
  static final String LIST_ID = "soak.example.org";
  private static final String FOLDER = "soak.list";
  private static final Duration SETTLE = Duration.ofMinutes(5);

  @Spec CommandSpec spec;

  @Option(names = "--minutes", paramLabel = "N", defaultValue = "30", description = "How long to soak (default: ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--seconds", paramLabel = "N",
      description = "How long to soak in seconds instead of --minutes (for a quick smoke run).")
  Integer seconds;

  @Option(names = "--interval-seconds", paramLabel = "N", defaultValue = "60",
      description = "Seconds per reported line, the \"minute\" of the table (default: ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--replay-rate", paramLabel = "MAILS/S", defaultValue = "25",
      description = "Mails per second the replay publishes, in rounds of 4 seconds' mail (default: ${DEFAULT-VALUE}).")
  double replayRate;

  @Option(names = "--imap-rate", paramLabel = "MAILS/S", defaultValue = "3",
      description = "Mails per second APPENDed to the IMAP folder (default: ${DEFAULT-VALUE}).")
  double imapRate;

  @Option(names = "--api-clients", paramLabel = "N", defaultValue = "3",
      description = "Concurrent API clients (default: ${DEFAULT-VALUE}).")
  int apiClients;

  @Option(names = "--api-pause-ms", paramLabel = "MS", defaultValue = "20",
      description = "Pause of each API client between requests (default: ${DEFAULT-VALUE}).")
  long apiPauseMillis;

  @Option(names = "--thread-margin", paramLabel = "N", defaultValue = "10",
      description = "Live threads the last minute may have above the first (default: ${DEFAULT-VALUE}).")
  int threadMargin;

  @Option(names = "--fd-margin", paramLabel = "N", defaultValue = "50",
      description = "Open file descriptors the last minute may have above the first (default: ${DEFAULT-VALUE}).")
  long fdMargin;

  @Option(names = "--heap-margin-mb", paramLabel = "MB", defaultValue = "64",
      description = "MB of heap after GC the last minute may have above the first (default: ${DEFAULT-VALUE}).")
  long heapMarginMb;

  @Option(names = "--durable", description = "Run PostgreSQL with fsync (default: without, as the tests do).")
  boolean durable;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where broker, database and Dovecot live (default: a temporary directory, deleted at the end).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    long totalSeconds = seconds != null ? seconds : minutes * 60L;
    if (totalSeconds < 1 || intervalSeconds < 1 || replayRate <= 0 || imapRate <= 0 || apiClients < 1 || apiPauseMillis < 0) {
      throw new UserError("--minutes/--seconds, --interval-seconds, the rates and --api-clients must be positive");
    }
    if (DovecotProcess.binary().isEmpty()) {
      throw new UserError("bench soak needs Dovecot: apt-get install -y dovecot-imapd");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("patchpipe-bench-soak-");
    SoakReport report = new SoakReport(out, new SoakReport.Margins(threadMargin, fdMargin, heapMarginMb << 20));
    try {
      soak(out, dir, (int) Math.max(1, totalSeconds / intervalSeconds), report);
    } finally {
      if (workDir == null) {
        BenchFiles.deleteTree(dir);
      }
    }
    return report.summary() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private void soak(PrintWriter out, Path dir, int intervals, SoakReport report) throws Exception {
    String project = Project.ofListId(LIST_ID).linkName();
    Topics topics = Topics.DEFAULT.withPrefix("soak.");
    AtomicReference<RuntimeException> storeFailure = new AtomicReference<>();
    try (DovecotProcess dovecot = DovecotProcess.start(dir.resolve("dovecot"), "soak", "soak", true);
        EmbeddedBroker broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
        StoreRuntime pg = StoreRuntime.open(new StoreRuntime.Database.Embedded(
            PostgresConfig.of(dir.resolve("postgres")).withDurable(durable)))) {
      String bootstrap = broker.bootstrapServers();
      new TopicCreator(Map.of("bootstrap.servers", bootstrap)).ensure(topics);
      try (ImapAppender appender = ImapAppender.open(dovecot.account())) {
        appender.createFolder(FOLDER);
      }
      SoakTally expected = new SoakTally();
      SoakReplay replay = new SoakReplay(PublisherConfig.of(bootstrap, "soak-replay").withTopics(topics),
          Files.createDirectories(dir.resolve("mbox")), replayRate, LIST_ID, expected);
      SoakImapFeed feed = new SoakImapFeed(dovecot.account(), FOLDER, imapRate, LIST_ID, expected);
      try (StoreServer store = pg.serve(pg.storeConfig(bootstrap).withTopics(topics).withConsumerName("soak"),
              new ApiConfig("127.0.0.1", 0, 8), new StoreServer.Listener() {
                @Override
                public void progress(ConsumerStats stats) {}

                @Override
                public void consumerStopped(RuntimeException failure) {
                  storeFailure.set(failure);
                }

                @Override
                public void standingBy(String lock) {
                  // The soak's database is its own: another writer there is a failure, not a wait.
                  storeFailure.set(new IllegalStateException("another store holds " + lock));
                }

                @Override
                public void tookOver(String lock, Duration waited) {}
              });
          KafkaImapSink sink = KafkaImapSink.open(PublisherConfig.of(bootstrap, "soak-imap").withTopics(topics),
              new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())) {
        store.startConsuming();
        ImapDaemon daemon = ImapDaemon.start(List.of(new FolderSubscription(dovecot.account(), FOLDER, LIST_ID)),
            ImapSettings.DEFAULTS, sink, Clock.systemUTC(), RandomGenerator.getDefault());
        Thread replayThread = new Thread(replay, "soak-replay");
        Thread feedThread = new Thread(feed, "soak-imap-feed");
        SoakApiLoad api = null;
        try {
          report.header(SoakProbe.read());
          replayThread.start();
          feedThread.start();
          String site = store.apiUrl().replaceFirst("/api/1\\.2/$", "");
          if (!await(() -> store.stats().patches() > 0 || storeFailure.get() != null, Duration.ofMinutes(2))) {
            throw new IllegalStateException("the store stored no patch within 2 minutes");
          }
          api = new SoakApiLoad(site, project, maintainerToken(pg, project), apiClients, apiPauseMillis);
          api.start();
          Totals before = totals(replay, feed, daemon, store, api);
          long next = System.nanoTime();
          for (int i = 1; i <= intervals; i++) {
            next += intervalSeconds * 1_000_000_000L;
            while (System.nanoTime() < next) {
              Thread.sleep(Math.max(1, Math.min(1000, (next - System.nanoTime()) / 1_000_000)));
            }
            Totals now = totals(replay, feed, daemon, store, api);
            report.add(new SoakReport.Minute(i, SoakProbe.read(), now.lag(), before.lag(),
                now.replayed - before.replayed, now.stored - before.stored, now.appended - before.appended,
                before.appended - before.imapPublished, now.imapPublished - before.imapPublished,
                now.requests - before.requests, now.errors - before.errors));
            before = now;
            String failed = failure(replay, feed, daemon, storeFailure);
            if (failed != null) {
              report.problem(failed);
              break;
            }
          }
          // The end: inputs stop, the follower and the store drain, and every mail is counted.
          api.close();
          api.firstErrors().forEach(e -> out.println("soak: API error: " + e));
          replay.stop();
          feed.stop();
          replayThread.join();
          feedThread.join();
          boolean drained = await(() -> daemon.health().get(0).messages() >= feed.handed(), SETTLE)
              && await(() -> store.stats().events() >= replay.handed() + daemon.health().get(0).messages()
                  || storeFailure.get() != null, SETTLE);
          String failed = failure(replay, feed, daemon, storeFailure);
          if (failed != null) {
            report.problem(failed);
          } else if (!drained) {
            report.problem("the follower and the store did not drain within " + SETTLE.toMinutes() + " minutes");
          }
          long published = replay.handed() + daemon.health().get(0).messages();
          ConsumerStats stats = store.stats();
          out.printf("soak: end: %,d mails generated, %,d published, %,d stored (%s)%n", expected.mails(), published,
              stats.events(), stats);
          SoakCheck.run(expected, published, stats, store.apiUrl(), project).forEach(report::problem);
        } finally {
          replay.stop();
          feed.stop();
          if (api != null) {
            api.close();
          }
          daemon.stop(Duration.ofSeconds(30));
        }
      }
    }
  }

  /** Counters of every part at one instant. */
  private record Totals(long replayed, long appended, long imapPublished, long stored, long requests, long errors) {
    long lag() {
      return replayed + imapPublished - stored;
    }
  }

  private static Totals totals(SoakReplay replay, SoakImapFeed feed, ImapDaemon daemon, StoreServer store,
      SoakApiLoad api) {
    return new Totals(replay.handed(), feed.handed(), daemon.health().get(0).messages(), store.stats().events(),
        api.requests(), api.errors());
  }

  private static String failure(SoakReplay replay, SoakImapFeed feed, ImapDaemon daemon,
      AtomicReference<RuntimeException> store) {
    if (replay.failure() != null) {
      return "the replay failed: " + replay.failure();
    }
    if (feed.failure() != null) {
      return "APPENDing to the IMAP folder failed: " + feed.failure();
    }
    if (daemon.failure().isPresent()) {
      return "the IMAP follower failed: " + daemon.failure().get().getMessage();
    }
    return store.get() == null ? null : "the store's consumer failed: " + store.get();
  }

  /** A maintainer of the soak's project, as {@code patchpipe user add/maintainer/token} makes one. */
  private static String maintainerToken(StoreRuntime pg, String project) throws java.sql.SQLException {
    try (Connection c = pg.connect()) {
      UserRepository users = new UserRepository(c);
      users.add("soak", "soak-maintainer@example.org", "Soak", "Maintainer", null, false);
      users.maintainer("soak", project, false);
      return users.token("soak", false);
    }
  }

  private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }
}
