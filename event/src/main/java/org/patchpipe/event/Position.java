package org.patchpipe.event;

import java.util.Objects;

/**
 * Where one message sits in its source, precise enough to resume right after it. Every source
 * hands out its own kind, and {@code MailSource}s are opened "after" a position: the message at
 * that position and everything before it are skipped. Immutable.
 *
 * <p>It lives in {@code event}, not in {@code ingest}, because it travels on the wire: in each
 * {@link MailEvent}, in the raw topic's record headers and as the value of the positions topic.
 */
public sealed interface Position
    permits Position.MboxOffset, Position.MaildirKey, Position.InboxCommit, Position.ImapUid {

  /** A short, human-readable form for logs and record headers, e.g. {@code mbox@1234#5}. */
  String describe();

  /**
   * A message of an mbox file (plain or gzip): {@code offset} is the byte offset of its
   * {@code From } line in the uncompressed stream, {@code index} its 0-based number in the file.
   */
  record MboxOffset(long offset, long index) implements Position {
    public MboxOffset {
      if (offset < 0) throw new IllegalArgumentException("offset must be >= 0: " + offset);
      if (index < 0) throw new IllegalArgumentException("index must be >= 0: " + index);
    }

    @Override
    public String describe() {
      return "mbox@" + offset + "#" + index;
    }
  }

  /**
   * A file of a Maildir, of a folder of one-message files, or a single file: {@code key} is its
   * Maildir unique name (the file name up to {@code :2,} flags) or its path relative to the folder,
   * with {@code /} separators. Files are read in the order of their keys.
   */
  record MaildirKey(String key) implements Position {
    public MaildirKey {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String describe() {
      return "file:" + key;
    }
  }

  /** A public-inbox v2 epoch commit (40 hex digits): one commit per message. */
  record InboxCommit(String commitId) implements Position {
    public InboxCommit {
      Objects.requireNonNull(commitId, "commitId");
      if (!commitId.matches("[0-9a-f]{40}")) {
        throw new IllegalArgumentException("commit id must be 40 lower-case hex digits: " + commitId);
      }
    }

    @Override
    public String describe() {
      return "commit:" + commitId;
    }
  }

  /** A message of an IMAP folder: the folder's UIDVALIDITY and the message's UID. */
  record ImapUid(String folder, long uidValidity, long uid) implements Position {
    public ImapUid {
      Objects.requireNonNull(folder, "folder");
      if (uidValidity <= 0) throw new IllegalArgumentException("uidValidity must be > 0");
      if (uid < 0) throw new IllegalArgumentException("uid must be >= 0");
    }

    @Override
    public String describe() {
      return "imap:" + folder + ";UIDVALIDITY=" + uidValidity + ";UID=" + uid;
    }
  }
}
