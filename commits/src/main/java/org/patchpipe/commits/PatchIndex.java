package org.patchpipe.commits;

import java.util.List;

/**
 * The patches of one project a commit could carry, looked up three ways; each lookup answers the
 * ids of patches not yet matched to a commit. {@link CommitMatchDatabase} answers from PostgreSQL
 * with indexed queries; a test may answer from memory.
 */
public interface PatchIndex {
  /** Patches whose Patchwork diff hash (R8) is {@code hash}. */
  List<Long> byHash(String hash);

  /** Patches whose stable patch-id is {@code patchId}. */
  List<Long> byPatchId(String patchId);

  /** The patch whose Message-ID is {@code msgid} (angle brackets included), if any. */
  List<Long> byMsgid(String msgid);
}
