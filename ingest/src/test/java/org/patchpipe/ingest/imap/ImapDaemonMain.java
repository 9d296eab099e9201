package org.patchpipe.ingest.imap;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;
import sun.misc.Signal;

/**
 * The IMAP daemon as a child JVM for {@link ImapDaemonKafkaIT}, wired as {@code patchpipe daemon}
 * wires it: {@code BOOTSTRAP TOPIC_PREFIX HOST PORT FOLDER LIST_ID BATCH}. SIGTERM stops it cleanly
 * (exit 0); the test also kills it with SIGKILL.
 */
public final class ImapDaemonMain {
  private ImapDaemonMain() {}

  public static void main(String[] args) throws Exception {
    PublisherConfig config =
        PublisherConfig.of(args[0], "imap-it").withTopics(Topics.DEFAULT.withPrefix(args[1])).withRetryFor(Duration.ofMinutes(1));
    ImapServer server = new ImapServer(false, args[2], Integer.parseInt(args[3]), TestImapServer.USER, TestImapServer.PASSWORD);
    ImapSettings settings =
        ImapSettings.DEFAULTS.withBatchMessages(Integer.parseInt(args[6])).withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));
    try (KafkaImapSink sink = KafkaImapSink.open(config, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())) {
      ImapDaemon daemon =
          ImapDaemon.start(List.of(new FolderSubscription(server, args[4], args[5])), settings, sink, Clock.systemUTC(), new Random());
      Signal.handle(new Signal("TERM"), sig -> new Thread(() -> daemon.stop(Duration.ofSeconds(30))).start());
      System.out.println("started");
      daemon.awaitTermination();
    }
    System.out.println("stopped");
    System.exit(0);
  }
}
