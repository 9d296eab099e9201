package org.patchpipe.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.concurrent.TimeUnit;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.ingest.imap.FolderSubscription;
import org.patchpipe.ingest.imap.ImapDaemon;
import org.patchpipe.ingest.imap.ImapSettings;
import org.patchpipe.ingest.imap.ImapUrl;
import org.patchpipe.ingest.imap.KafkaImapSink;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchpipe daemon}: follows IMAP folders (IDLE, or polling where the server has none) and
 * publishes new mail to Kafka exactly once. A thin layer over {@link ImapDaemon}: it reads the
 * flags, the password (environment or file, never the command line) and the signals.
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Follow IMAP folders and publish their mail to Kafka, exactly once.",
      "",
      "Each folder is caught up first (everything after its last committed UID), then followed"
          + " live with IDLE (polling where the server lacks IDLE). Raw mail, events and the"
          + " folder's position (UIDVALIDITY, last UID) are committed in one Kafka transaction per"
          + " batch, so a daemon killed at any moment and started again publishes nothing twice and"
          + " loses nothing. Mail is fetched with BODY.PEEK[]: it is never marked \\Seen, moved or"
          + " deleted. A changed UIDVALIDITY re-scans the folder and skips Message-IDs already"
          + " published. Dropped connections, server restarts and timeouts reconnect with"
          + " exponential backoff and jitter.",
      "",
      "The password comes from the environment variable PATCHPIPE_IMAP_PASSWORD or --password-file;"
          + " never from the command line. SIGTERM or Ctrl-C finishes the batch in hand, commits it"
          + " and exits 0.",
      "",
      "Example:",
      "  PATCHPIPE_IMAP_PASSWORD=... patchpipe daemon \\",
      "      --imap imaps://bot@mail.example.org/lists.linux-efi --list-id linux-efi.vger.kernel.org \\",
      "      --imap imaps://bot@mail.example.org/lists.openrisc,lists.openrisc-archive \\",
      "      --bootstrap-servers kafka1:9092 --health-port 8081",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or Ctrl-C after committing what it held",
      "1:stopped, but a folder could not finish its batch within 60 s (the next run publishes it)",
      "2:the command line, a login, a folder or the password is wrong: see the message",
      "3:Kafka refused the daemon (another daemon took over a folder's transactional id)",
    })
final class DaemonCommand implements java.util.concurrent.Callable<Integer> {
  static final String PASSWORD_VARIABLE = "PATCHPIPE_IMAP_PASSWORD";
  /** How long each folder may take to commit its batch in hand once asked to stop. */
  private static final Duration FOLDER_STOP = Duration.ofSeconds(60);
  /** SIGTERM's bound on the whole stop: the folders' 60 s, then closing the sink and the broker. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(90);

  /** One {@code --imap URL [--list-id ID] [--password-file FILE]} group. */
  static final class Account {
    @Option(names = "--imap", required = true, paramLabel = "URL",
        description = "imaps://USER@HOST[:PORT]/FOLDER[,FOLDER...] (imap:// for plain text; ports 993"
            + " and 143 by default). Repeat for more accounts or lists.")
    String url;

    @Option(names = "--list-id", paramLabel = "ID",
        description = "The list the folders above carry, e.g. linux-efi.vger.kernel.org. Default: each"
            + " message's List-Id header (mail without one becomes a dead letter).")
    String listId;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Read this account's password from FILE (first line). Default: $" + PASSWORD_VARIABLE + ".")
    Path passwordFile;
  }

  @CommandLine.Mixin KafkaOptions kafka;

  @ArgGroup(exclusive = false, multiplicity = "1..*", heading = "%nIMAP folders:%n")
  List<Account> accounts = new ArrayList<>();







  @Option(names = "--transactional-id", paramLabel = "PREFIX", defaultValue = "patchpipe-imap",
      description = "Prefix of the Kafka transactional ids; each folder appends its URL, so a restarted"
          + " daemon fences the one it replaces (default: ${DEFAULT-VALUE}).")
  String transactionalId;

  @Option(names = "--batch-messages", paramLabel = "N", defaultValue = "100",
      description = "Messages per UID FETCH and per transaction at most (default: ${DEFAULT-VALUE}).")
  int batchMessages;

  @Option(names = "--poll", description = "Poll even where the server offers IDLE.")
  boolean poll;

  @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "30",
      description = "How often to check a folder when polling (default: ${DEFAULT-VALUE}).")
  long pollSeconds;

  @Option(names = "--idle-renewal", paramLabel = "SECONDS", defaultValue = "240",
      description = "Restart IDLE this often, as RFC 2177 asks (default: ${DEFAULT-VALUE}).")
  long idleRenewalSeconds;

  @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Drop and reconnect a server silent for this long (default: ${DEFAULT-VALUE}).")
  long readTimeoutSeconds;

  @Option(names = "--health-port", paramLabel = "PORT",
      description = "Serve GET /health (JSON counters per folder; 200, or 503 when a folder failed)"
          + " on 127.0.0.1:PORT. 0 picks a free port. Default: off.")
  Integer healthPort;

  @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "60",
      description = "Print a status line this often; 0 for never (default: ${DEFAULT-VALUE}).")
  long statusSeconds;


  @Override
  public Integer call() throws Exception {
    kafka.requireOneTarget();
    List<FolderSubscription> folders = folders();
    ImapSettings settings = settings();
    PrintStream out = System.err;
    EmbeddedBroker broker = null;
    try {
      broker = kafka.startEmbeddedBroker();
      if (broker != null) {
        out.println(kafka.describe(broker));
      }
      String bootstrap = kafka.bootstrap(broker);
      PublisherConfig publisher =
          new PublisherConfig(bootstrap, transactionalId, ReplayCommand.topics(kafka.topicPrefix, kafka.partitions),
              kafka.producerProperties, Duration.ofMinutes(2));
      return run(folders, settings, publisher, out);
    } finally {
      if (broker != null) broker.close();
    }
  }

  private int run(List<FolderSubscription> folders, ImapSettings settings, PublisherConfig publisher, PrintStream out)
      throws Exception {
    // A failure to reach Kafka here or a fenced folder later is an ImapException caused by Kafka:
    // CommandFailures maps it to ExitCodes.KAFKA_FAILED, any other given-up folder to USAGE.
    try (GracefulStop stop = GracefulStop.install(STOP_GRACE, new PrintWriter(out, true));
        KafkaImapSink sink = KafkaImapSink.open(publisher, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())) {
      ImapDaemon daemon = ImapDaemon.start(folders, settings, sink, Clock.systemUTC(), RandomGenerator.getDefault());
      DaemonStatus status = new DaemonStatus(daemon, Clock.systemUTC());
      try (DaemonHealthServer health = healthPort == null ? null : DaemonHealthServer.start(healthPort, status)) {
        out.println("patchpipe: following " + folders.size() + " folder(s)"
            + (health == null ? "" : "; health on http://127.0.0.1:" + health.port() + "/health"));
        long nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(statusSeconds);
        while (!stop.await(Duration.ofSeconds(1)) && daemon.failure().isEmpty() && daemon.running()) {
          if (statusSeconds > 0 && System.nanoTime() >= nextStatus) {
            out.println(status.line());
            nextStatus = System.nanoTime() + TimeUnit.SECONDS.toNanos(statusSeconds);
          }
        }
        boolean clean = daemon.stop(FOLDER_STOP);
        out.println(status.summary());
        if (stop.requested()) {
          out.println("patchpipe: " + stop.summary(status.messages() + " messages"));
        }
        if (daemon.failure().isPresent()) {
          throw daemon.failure().get();
        }
        if (!clean) {
          out.println("patchpipe: some folders did not stop within 60 s; their last batch was not committed"
              + " and will be published by the next run");
          return ExitCodes.PARTIAL;
        }
        return ExitCodes.OK;
      }
    }
  }

  List<FolderSubscription> folders() throws IOException {
    List<FolderSubscription> folders = new ArrayList<>();
    for (Account account : accounts) {
      ImapUrl.Result parsed = ImapUrl.parse(account.url);
      if (parsed.url().isEmpty()) throw new UserError(parsed.error());
      ImapUrl url = parsed.url().get();
      String password = password(account);
      for (String folder : url.folders()) {
        folders.add(new FolderSubscription(url.server(password), folder, account.listId == null ? "" : account.listId));
      }
    }
    if (folders.stream().map(FolderSubscription::sourceId).distinct().count() != folders.size()) {
      throw new UserError("a folder is named twice; give each folder once");
    }
    return folders;
  }

  private static String password(Account account) throws IOException {
    if (account.passwordFile != null) {
      try {
        String text = Files.readString(account.passwordFile, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        return (eol < 0 ? text : text.substring(0, eol)).replace("\r", "");
      } catch (NoSuchFileException e) {
        throw new UserError("no such password file: " + account.passwordFile);
      }
    }
    String fromEnv = System.getenv(PASSWORD_VARIABLE);
    if (fromEnv == null) {
      throw new UserError("no IMAP password: set " + PASSWORD_VARIABLE + " or give --password-file FILE");
    }
    return fromEnv;
  }

  ImapSettings settings() {
    try {
      return ImapSettings.DEFAULTS
          .withBatchMessages(batchMessages)
          .withTimeouts(ImapSettings.DEFAULTS.connectTimeout(), Duration.ofSeconds(readTimeoutSeconds),
              Duration.ofSeconds(idleRenewalSeconds))
          .withPolling(!poll, Duration.ofSeconds(pollSeconds));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
