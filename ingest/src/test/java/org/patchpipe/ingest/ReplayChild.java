package org.patchpipe.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.patchpipe.event.Topics;
import org.patchpipe.ingest.kafka.PublishException;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;

/**
 * A replay in a child JVM, so tests can kill it with SIGKILL or starve it of memory:
 * {@code ReplayChild BOOTSTRAP TOPIC_PREFIX TX_ID BATCH_MESSAGES INPUT...}. Prints one line per
 * committed transaction ({@code committed MESSAGES}) and {@code done MESSAGES DEAD_LETTERS} at
 * the end; exits 0, or 3 when publishing failed.
 */
public final class ReplayChild {
  private ReplayChild() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    Topics topics = Topics.DEFAULT.withPrefix(args[1]);
    PublisherConfig config = PublisherConfig.of(bootstrap, args[2]).withTopics(topics);
    IngestConfig ingest = IngestConfig.DEFAULT.withBatch(Integer.parseInt(args[3]), 16L << 20);
    List<Path> inputs = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      inputs.add(Path.of(args[i]));
    }
    ReplayListener listener = new ReplayListener() {
      @Override
      public void committed(ReplayProgress progress) {
        System.out.println("committed " + progress.messages());
        System.out.flush();
      }
    };
    try {
      ReplaySummary summary =
          new Replay(config, ingest, new MailParser(ParserLimits.DEFAULT), Clock.systemUTC())
              .run(inputs, listener);
      System.out.println("done " + summary.totals().messages() + " " + summary.totals().deadLetters());
      System.out.flush();
    } catch (PublishException e) {
      System.out.println("failed " + e.getMessage());
      System.exit(3);
    }
  }
}
