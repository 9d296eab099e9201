package org.patchpipe.ingest.source;

import java.io.IOException;
import java.util.Optional;

/**
 * A stream of mail from one archive or mailbox, read in a stable order, one {@link SourcedMessage}
 * at a time: mbox, Maildir, a folder of files, one file, a public-inbox epoch (and IMAP, in {@code
 * ingest.imap}). A source is opened after a {@link org.patchpipe.event.Position} (or from the start)
 * and never holds more than one message in memory.
 *
 * <pre>{@code
 * try (MailSource source = MailSourceKind.open(path, Optional.empty())) {
 *   for (Optional<SourcedMessage> m = source.next(); m.isPresent(); m = source.next()) { ... }
 * }
 * }</pre>
 *
 * <p>One per thread. {@link #next()} throws {@link IOException} when the archive cannot be read
 * at all (a missing file, a git object that cannot be opened); damage it can work around (a
 * truncated gzip stream) ends the source with {@link #failure()} set and, where part of a message
 * was read, a last message carrying a {@link SourcedMessage#defect()}.
 */
public interface MailSource extends AutoCloseable {

  /**
   * A stable name for this source, e.g. {@code mbox:/srv/archives/openrisc.mbox.gz}: the key its
   * committed position is stored under, so the same archive opened again resumes.
   */
  String id();

  /** The next message, or empty at the end of the source. */
  Optional<SourcedMessage> next() throws IOException;

  /** How much of the source has been read, from 0 to 1, or NaN where the size is unknown. */
  default double fractionDone() {
    return Double.NaN;
  }

  /** Why the source ended before its natural end (e.g. a truncated gzip stream), if it did. */
  default Optional<String> failure() {
    return Optional.empty();
  }

  @Override
  void close() throws IOException;
}
