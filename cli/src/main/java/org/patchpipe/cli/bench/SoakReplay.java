package org.patchpipe.cli.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.patchpipe.ingest.IngestConfig;
import org.patchpipe.ingest.Replay;
import org.patchpipe.ingest.ReplayListener;
import org.patchpipe.ingest.ReplayProgress;
import org.patchpipe.ingest.kafka.PublisherConfig;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParserLimits;

/**
 * The soak's replay stream: round after round, a freshly generated mbox of {@link SoakMails} is
 * written and replayed exactly as {@code patchpipe replay} does it (a new {@link Replay}, so its
 * publisher, parser threads and position reader are opened and closed each round, which is what a
 * leak would show on), then deleted. {@link #handed()} counts events in committed transactions.
 */
final class SoakReplay extends SoakFeed {
  /** A round is this many seconds of mail, so every minute sees several replays open and close. */
  private static final double ROUND_SECONDS = 4;

  private final PublisherConfig publisher;
  private final Path dir;
  private final SoakMails mails;
  private final SoakTally expected;

  SoakReplay(PublisherConfig publisher, Path dir, double mailsPerSecond, String listId, SoakTally expected) {
    super(mailsPerSecond);
    this.publisher = publisher;
    this.dir = dir;
    this.mails = new SoakMails("replay", listId, 1);
    this.expected = expected;
  }

  @Override
  void feed() throws IOException, InterruptedException {
    IngestConfig ingest = IngestConfig.DEFAULT.withBatch(100, IngestConfig.DEFAULT.maxBatchBytes());
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    long start = System.nanoTime();
    for (int round = 1; !stopping(); round++) {
      SoakMails.Batch batch = mails.next((int) Math.max(20, mailsPerSecond() * ROUND_SECONDS), false);
      Path mbox = writeMbox(dir.resolve("round-" + round + ".mbox"), batch.mails());
      long before = handed();
      new Replay(publisher, ingest, parser, Clock.systemUTC()).run(List.of(mbox), new ReplayListener() {
        @Override
        public void committed(ReplayProgress progress) {
          handed(before + progress.published());
        }
      });
      Files.delete(mbox);
      if (handed() - before != batch.mails().size()) {
        throw new IllegalStateException("round " + round + " published " + (handed() - before)
            + " of " + batch.mails().size() + " mails");
      }
      expected.add(batch);
      pace(start, handed());
    }
  }

  private static Path writeMbox(Path path, List<byte[]> mails) throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      for (byte[] mail : mails) {
        out.write("From soak@patchpipe.bench Thu Jan  1 00:00:00 2026\n".getBytes(UTF_8));
        out.write(mail);
        out.write('\n');
      }
    }
    return path;
  }
}
