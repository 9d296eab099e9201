package org.patchpipe.ingest.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.patchpipe.event.Position;
import org.patchpipe.event.Position.MboxOffset;

/**
 * An mbox file, plain or gzip-compressed, read as a stream: only the current message is in memory,
 * so a file of any size can be replayed. Messages are split the way Python's {@code mailbox.mbox}
 * (and so Patchwork's {@code parsearchive}) splits them: every line starting {@code From } opens a
 * message, and one blank line before it belongs to the mbox, not to the message. Body lines are
 * un-quoted as {@link MboxFormat} says. Positions are {@link MboxOffset}s: the byte offset of each
 * message's {@code From } line in the uncompressed stream.
 *
 * <pre>{@code
 * try (MailSource mbox = MboxSource.open(Path.of("openrisc.mbox.gz"), MboxFormat.AUTO, Optional.empty())) { ... }
 * }</pre>
 *
 * <p>One per thread. A gzip stream that is truncated or corrupt ends the source: the part of the
 * message read so far is delivered with a {@link SourcedMessage#defect()} and {@link #failure()}
 * says what happened. Text before the first {@code From } line is delivered as a defective message
 * too, so nothing in the file is silently dropped.
 */
public final class MboxSource implements MailSource {
  private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MBOXRD_FROM = "From mboxrd@z ".getBytes(StandardCharsets.US_ASCII);

  private final String id;
  private final CountingInputStream counted;
  private final long fileBytes;
  private final ByteLineReader lines;
  private final MessageBuffer message = new MessageBuffer();
  private MboxFormat format;
  private String failure;
  private boolean lineReady;
  private boolean exhausted;
  private long nextIndex;

  private MboxSource(Path file, MboxFormat format) throws IOException {
    this.id = "mbox:" + file.toAbsolutePath().normalize();
    this.format = format;
    this.fileBytes = Files.size(file);
    this.counted = new CountingInputStream(Files.newInputStream(file));
    InputStream in = new BufferedInputStream(counted, 64 * 1024);
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    this.lines = new ByteLineReader(gzip ? new GZIPInputStream(in, 64 * 1024) : in);
  }

  /**
   * Opens {@code file}; with {@code after}, skips up to and including the message at that
   * position.
   *
   * @throws IOException if the file cannot be read, or {@code after} is not the start of a message
   *     in it (the file changed since that position was committed)
   */
  public static MboxSource open(Path file, MboxFormat format, Optional<Position> after)
      throws IOException {
    MboxSource source = new MboxSource(file, format);
    try {
      if (after.isPresent()) {
        source.skipThrough(after.get());
      }
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
    return source;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<SourcedMessage> next() throws IOException {
    if (exhausted) {
      return Optional.empty();
    }
    if (!lineReady && !readLine()) {
      exhausted = true;
      return Optional.empty();
    }
    long fromOffset = lines.offset() - lines.lineLength();
    if (!lines.lineStartsWith(FROM)) {
      return Optional.ofNullable(preamble(fromOffset));
    }
    if (format == MboxFormat.AUTO) {
      format = lines.lineStartsWith(MBOXRD_FROM) ? MboxFormat.MBOXRD : MboxFormat.MBOXO;
    }
    Position position = new MboxOffset(fromOffset, nextIndex++);
    boolean complete = readBody();
    return Optional.of(finish(position, complete));
  }

  /** Collects the lines after a From line up to the next From line or the end. */
  private boolean readBody() throws IOException {
    boolean lastWasEmpty = false;
    while (true) {
      if (!readLine()) {
        lineReady = false;
        exhausted = true;
        if (lastWasEmpty) {
          message.truncate(message.length() - 1);
        }
        return failure == null;
      }
      if (lines.lineStartsWith(FROM)) {
        lineReady = true;
        if (lastWasEmpty) {
          message.truncate(message.length() - 1);
        }
        return true;
      }
      int length = lines.lineLength();
      lastWasEmpty = length == 1 && lines.line()[0] == '\n';
      int skip = format == MboxFormat.MBOXRD && isQuotedFrom() ? 1 : 0;
      message.append(lines.line(), skip, length - skip);
    }
  }

  private boolean isQuotedFrom() {
    byte[] line = lines.line();
    int i = 0;
    while (i < lines.lineLength() && line[i] == '>') {
      i++;
    }
    return i > 0 && lines.startsWithAt(i, FROM);
  }

  /** Text before the first From line: blank lines are ignored, anything else is delivered. */
  private SourcedMessage preamble(long offset) throws IOException {
    boolean blank = true;
    do {
      if (lines.lineStartsWith(FROM)) {
        lineReady = true;
        break;
      }
      blank &= isBlankLine();
      message.append(lines.line(), 0, lines.lineLength());
      lineReady = false;
    } while (readLine());
    if (!lineReady) {
      exhausted = true;
    }
    if (blank) {
      message.take();
      return exhausted ? null : next().orElse(null);
    }
    return new SourcedMessage(
        message.take(),
        new MboxOffset(offset, nextIndex++),
        "text before the first 'From ' line: not an mbox message");
  }

  private boolean isBlankLine() {
    for (int i = 0; i < lines.lineLength(); i++) {
      byte b = lines.line()[i];
      if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private SourcedMessage finish(Position position, boolean complete) {
    String defect = complete ? null : "mbox ends inside this message: " + failure;
    return new SourcedMessage(message.take(), position, defect);
  }

  /** Reads one line; a damaged stream counts as its end and sets {@link #failure}. */
  private boolean readLine() throws IOException {
    if (failure != null) {
      return false;
    }
    try {
      return lines.readLine();
    } catch (ZipException | EOFException e) {
      failure = "the gzip stream is truncated or corrupt (" + e.getMessage() + ")";
      return false;
    }
  }

  private void skipThrough(Position after) throws IOException {
    if (!(after instanceof MboxOffset target)) {
      throw new IOException("cannot resume an mbox after a " + after.describe());
    }
    while (true) {
      long at = lines.offset();
      if (at == target.offset() && readLine() && lines.lineStartsWith(FROM)) {
        lineReady = true;
        nextIndex = target.index();
        next();
        return;
      }
      if (at > target.offset() || !readLine()) {
        throw new IOException(
            "no message starts at byte " + target.offset() + " of " + id
                + ": the file changed since that position was committed");
      }
    }
  }

  @Override
  public double fractionDone() {
    return fileBytes == 0 ? 1.0 : Math.min(1.0, (double) counted.count / fileBytes);
  }

  @Override
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() throws IOException {
    counted.close();
  }

  /** Counts the compressed bytes read, for progress. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }
  }
}
