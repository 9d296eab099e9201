package org.patchpipe.commits;

/**
 * One patch found in one commit, and how it was found. Immutable.
 *
 * @param patchId the patch's database id
 * @param commitId the commit that carries it
 * @param reason the first way that found it, in the order tried
 */
public record PatchMatch(long patchId, String commitId, Reason reason) {

  /** How a patch was found, in the order the matcher tries them. */
  public enum Reason {
    /** Patchwork's diff hash of the commit's diff equals the patch's (R8). */
    HASH,
    /** {@code git patch-id --stable} of both diffs is equal (whitespace, line numbers, file order). */
    PATCH_ID,
    /** A {@code Link:} or {@code Message-Id:} trailer names the patch's Message-ID. */
    TRAILER
  }
}
