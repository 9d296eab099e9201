package org.patchpipe.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.patchpipe.event.Position;
import org.patchpipe.event.Position.MaildirKey;
import org.patchpipe.parser.RawMessage;

/**
 * Mail kept one message per file: a Maildir ({@code cur/} and {@code new/}), a folder of message
 * files (walked recursively, hidden files skipped), or a single file. Files are read in the order of
 * their keys ({@link MaildirKey}): a Maildir file's unique name (without its {@code :2,} flags, so
 * a message that moves from {@code new/} to {@code cur/} or changes flags keeps its key), or a
 * folder file's path relative to the folder. Resuming after a key reads only files with greater
 * keys: Maildir unique names start with the delivery time, so later mail sorts later.
 *
 * <pre>{@code
 * try (MailSource maildir = MaildirSource.maildir(Path.of("Mail/lkml"), Optional.empty())) { ... }
 * }</pre>
 *
 * <p>One per thread. A file that vanishes between listing and reading was deleted and is skipped;
 * a file that cannot be read, or is larger than {@link #MAX_MESSAGE_BYTES}, is delivered as a
 * message with a {@link SourcedMessage#defect()} (and at most that many bytes).
 */
public final class MaildirSource implements MailSource {
  /** Files larger than this are not read whole: they become defective messages (64 MiB). */
  public static final long MAX_MESSAGE_BYTES = 64L << 20;

  private record Entry(String key, Path file) {}

  private final String id;
  private final Path root;
  private final boolean maildir;
  private final List<Entry> entries;
  private int nextEntry;

  private MaildirSource(String id, Path root, boolean maildir, List<Entry> entries) {
    this.id = id;
    this.root = root;
    this.maildir = maildir;
    this.entries = entries;
  }

  /**
   * A Maildir: the files of {@code cur/} and {@code new/} ({@code tmp/} holds deliveries in
   * progress and is ignored).
   *
   * @throws IOException if the directories cannot be listed
   */
  public static MaildirSource maildir(Path dir, Optional<Position> after) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String sub : List.of("cur", "new")) {
      Path d = dir.resolve(sub);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        files
            .filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
            .forEach(f -> entries.add(new Entry(uniqueName(f.getFileName().toString()), f)));
      }
    }
    Path root = dir.toAbsolutePath().normalize();
    return new MaildirSource("maildir:" + root, root, true, sorted(entries, after));
  }

  /**
   * A folder of one-message files, walked recursively; hidden files and folders are skipped.
   *
   * @throws IOException if the folder cannot be walked
   */
  public static MaildirSource folder(Path dir, Optional<Position> after) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !isHidden(root.relativize(f)))
          .forEach(f -> entries.add(new Entry(key(root.relativize(f)), f)));
    }
    return new MaildirSource("folder:" + root, root, false, sorted(entries, after));
  }

  /** One file holding one message. */
  public static MaildirSource file(Path file, Optional<Position> after) {
    Path absolute = file.toAbsolutePath().normalize();
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry(absolute.getFileName().toString(), absolute));
    return new MaildirSource("file:" + absolute, absolute.getParent(), false, sorted(entries, after));
  }

  private static List<Entry> sorted(List<Entry> entries, Optional<Position> after) {
    String afterKey = after.map(MaildirSource::keyOf).orElse(null);
    return entries.stream()
        .filter(e -> afterKey == null || e.key.compareTo(afterKey) > 0)
        .sorted(Comparator.comparing(Entry::key))
        .toList();
  }

  private static String keyOf(Position position) {
    if (position instanceof MaildirKey key) {
      return key.key();
    }
    throw new IllegalArgumentException("cannot resume a folder after a " + position.describe());
  }

  private static String uniqueName(String fileName) {
    int colon = fileName.indexOf(':');
    return colon < 0 ? fileName : fileName.substring(0, colon);
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String key(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<SourcedMessage> next() throws IOException {
    while (nextEntry < entries.size()) {
      Entry entry = entries.get(nextEntry++);
      Optional<Path> file = locate(entry);
      if (file.isEmpty()) {
        continue;
      }
      return Optional.of(read(entry.key, file.get()));
    }
    return Optional.empty();
  }

  /** The entry's file now: a Maildir message may have moved to cur/ or changed flags. */
  private Optional<Path> locate(Entry entry) throws IOException {
    if (Files.exists(entry.file) || !maildir) {
      return Files.exists(entry.file) ? Optional.of(entry.file) : Optional.empty();
    }
    Path cur = root.resolve("cur");
    if (!Files.isDirectory(cur)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(cur)) {
      return files
          .filter(f -> uniqueName(f.getFileName().toString()).equals(entry.key))
          .findFirst();
    }
  }

  private SourcedMessage read(String key, Path file) throws IOException {
    Position position = new MaildirKey(key);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_MESSAGE_BYTES);
      if (in.read() >= 0) {
        return new SourcedMessage(
            RawMessage.of(bytes), position,
            "file larger than " + MAX_MESSAGE_BYTES + " bytes: only its start was kept");
      }
      return new SourcedMessage(RawMessage.of(bytes), position);
    } catch (NoSuchFileException e) {
      return new SourcedMessage(RawMessage.of(new byte[0]), position, "file vanished while read: " + file);
    } catch (IOException e) {
      return new SourcedMessage(
          RawMessage.of(new byte[0]), position, "cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public double fractionDone() {
    return entries.isEmpty() ? 1.0 : (double) nextEntry / entries.size();
  }

  @Override
  public void close() {}
}
