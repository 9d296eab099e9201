package org.patchpipe.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.patchpipe.event.Position;

/**
 * The kinds of path {@code patchpipe replay} accepts, and how each is recognised: a directory with
 * {@code cur/} or {@code new/} is a Maildir; a bare git repository (a {@code HEAD} file and an
 * {@code objects/} directory) is a public-inbox v2 epoch; any other directory is a folder of
 * one-message files; a file starting with the gzip magic or with {@code From } is an mbox; any
 * other file is one message.
 *
 * <pre>{@code
 * try (MailSource source = MailSourceKind.open(path, Optional.empty())) { ... }
 * }</pre>
 */
public enum MailSourceKind {
  MBOX,
  MAILDIR,
  FOLDER,
  FILE,
  PUBLIC_INBOX;

  /**
   * Recognises {@code path}.
   *
   * @throws NoSuchFileException if it does not exist
   * @throws IOException if it cannot be read
   */
  public static MailSourceKind detect(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory");
    }
    if (Files.isDirectory(path)) {
      if (Files.isDirectory(path.resolve("cur")) || Files.isDirectory(path.resolve("new"))) {
        return MAILDIR;
      }
      if (Files.isRegularFile(path.resolve("HEAD")) && Files.isDirectory(path.resolve("objects"))) {
        return PUBLIC_INBOX;
      }
      return FOLDER;
    }
    byte[] start;
    try (InputStream in = Files.newInputStream(path)) {
      start = in.readNBytes(5);
    }
    if (start.length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
      return MBOX;
    }
    if (Arrays.equals(start, "From ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      return MBOX;
    }
    return FILE;
  }

  /**
   * Opens {@code path} as the kind {@link #detect} finds, after {@code after} when present (mbox
   * quoting is detected, see {@link MboxFormat#AUTO}).
   *
   * @throws IOException if the path cannot be read or {@code after} is not a position in it
   */
  public static MailSource open(Path path, Optional<Position> after) throws IOException {
    return detect(path).openAs(path, after);
  }

  /** Opens {@code path} as this kind. */
  public MailSource openAs(Path path, Optional<Position> after) throws IOException {
    switch (this) {
      case MBOX:
        return MboxSource.open(path, MboxFormat.AUTO, after);
      case MAILDIR:
        return MaildirSource.maildir(path, after);
      case FOLDER:
        return MaildirSource.folder(path, after);
      case FILE:
        return MaildirSource.file(path, after);
      case PUBLIC_INBOX:
        return PublicInboxSource.open(path, after);
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The id the source for {@code path} will have, without opening it, e.g. to look up its
   * committed position first.
   */
  public String sourceId(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    switch (this) {
      case MBOX:
        return "mbox:" + absolute;
      case MAILDIR:
        return "maildir:" + absolute;
      case FOLDER:
        return "folder:" + absolute;
      case FILE:
        return "file:" + absolute;
      case PUBLIC_INBOX:
        return "public-inbox:" + absolute;
      default:
        throw new AssertionError(this);
    }
  }
}
