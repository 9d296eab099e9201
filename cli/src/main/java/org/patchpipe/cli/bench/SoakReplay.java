package org.patchpipe.cli.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * leak would show on), then deleted. Rounds are paced to {@code mailsPerSecond}. A stop is
 * honoured between rounds, so every round is published whole and the expected counts are exact.
 */
final class SoakReplay implements Runnable {
  /** A round is this many seconds of mail, so every minute sees several replays open and close. */
  private static final double ROUND_SECONDS = 4;

  private final PublisherConfig publisher;
  private final Path dir;
  private final double mailsPerSecond;
  private final SoakMails mails;
  private final SoakTally expected;
  private final AtomicLong published = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopping;

  SoakReplay(PublisherConfig publisher, Path dir, double mailsPerSecond, String listId, SoakTally expected) {
    this.publisher = publisher;
    this.dir = dir;
    this.mailsPerSecond = mailsPerSecond;
    this.mails = new SoakMails("replay", listId, 1);
    this.expected = expected;
  }

  /** Events published so far (committed Kafka transactions only). */
  long published() {
    return published.get();
  }

  Throwable failure() {
    return failure.get();
  }

  /** Ends the loop after the round in hand. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    IngestConfig ingest = IngestConfig.DEFAULT.withBatch(100, IngestConfig.DEFAULT.maxBatchBytes());
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    int round = 0;
    try {
      while (!stopping) {
        long start = System.nanoTime();
        SoakMails.Batch batch = mails.next((int) Math.max(20, mailsPerSecond * ROUND_SECONDS), false);
        Path mbox = writeMbox(dir.resolve("round-" + (++round) + ".mbox"), batch.mails());
        long before = published.get();
        new Replay(publisher, ingest, parser, Clock.systemUTC()).run(List.of(mbox), new ReplayListener() {
          @Override
          public void committed(ReplayProgress progress) {
            published.set(before + progress.published());
          }
        });
        Files.delete(mbox);
        if (published.get() - before != batch.mails().size()) {
          throw new IllegalStateException("round " + round + " published " + (published.get() - before)
              + " of " + batch.mails().size() + " mails");
        }
        expected.add(batch);
        long due = start + (long) (batch.mails().size() / mailsPerSecond * 1e9);
        while (!stopping && System.nanoTime() < due) {
          Thread.sleep(Math.max(1, Math.min(200, (due - System.nanoTime()) / 1_000_000)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      failure.set(e);
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
