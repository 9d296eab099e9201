package org.patchpipe.ingest.source;

/**
 * How an mbox file quotes body lines that start with {@code From }. {@link #MBOXRD} (public-inbox,
 * lore.kernel.org) adds one {@code >} to every line matching {@code ^>*From } and reading removes
 * exactly one again; {@link #MBOXO} quotes only {@code From } itself, which cannot be undone without
 * ambiguity, so reading leaves lines as they are (as Python's {@code mailbox.mbox}, and so Patchwork's
 * {@code parsearchive}, does). {@link #AUTO} chooses MBOXRD when the first separator line is
 * public-inbox's {@code From mboxrd@z ...} and MBOXO otherwise.
 */
public enum MboxFormat {
  MBOXO,
  MBOXRD,
  AUTO
}
