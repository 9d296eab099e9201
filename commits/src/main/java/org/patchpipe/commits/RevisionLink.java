package org.patchpipe.commits;

/**
 * A series that is a newer revision of an earlier one. Immutable.
 *
 * @param series the newer series
 * @param previous the revision it replaces
 * @param reason what showed the link, in the order the linker tries them
 */
public record RevisionLink(long series, long previous, Reason reason) {

  /** What showed a link; {@link #wireName()} is how the database and reports spell it. */
  public enum Reason {
    /** Both carry the same {@code change-id:} line (b4). */
    CHANGE_ID,
    /** A {@code Supersedes:} line names a mail of the earlier series. */
    SUPERSEDES,
    /** The newer series replies in the earlier one's thread. */
    THREAD,
    /** Same submitter and subject, a higher version (or an unchanged resend). */
    VERSION;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
