package org.patchpipe.commits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpipe.parser.diff.PatchworkHash;

/**
 * Finds the patches a commit carries: by Patchwork's diff hash of its diff (the parser's own
 * {@link PatchworkHash}, so it equals what the store saved for each patch), then by its stable
 * patch-id, then by Message-IDs its trailers name. A patch is reported once, with the first reason
 * that found it; a commit with no diff is matched by trailers only.
 *
 * <pre>{@code
 * List<PatchMatch> matches = new CommitMatcher(index).match(commit);
 * }</pre>
 *
 * <p>Pure over its {@link PatchIndex}; thread-safe if the index is. Never throws for odd commits.
 */
public final class CommitMatcher {
  static final String EMPTY_HASH = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

  private final PatchIndex index;

  public CommitMatcher(PatchIndex index) {
    this.index = index;
  }

  /** The patches {@code commit} carries, in the order found. */
  public List<PatchMatch> match(GitCommit commit) {
    Map<Long, PatchMatch.Reason> found = new LinkedHashMap<>();
    if (!commit.diff().isBlank()) {
      String hash = PatchworkHash.hash(commit.diff());
      // A rename- or mode-only diff hashes to SHA-1 of nothing (R8.1): it names no patch.
      if (!hash.equals(EMPTY_HASH)) {
        for (long id : index.byHash(hash)) {
          found.putIfAbsent(id, PatchMatch.Reason.HASH);
        }
      }
      StablePatchId.of(commit.diff()).ifPresent(patchId -> {
        for (long id : index.byPatchId(patchId)) {
          found.putIfAbsent(id, PatchMatch.Reason.PATCH_ID);
        }
      });
    }
    for (String msgid : CommitTrailers.messageIds(commit.message())) {
      for (long id : index.byMsgid(msgid)) {
        found.putIfAbsent(id, PatchMatch.Reason.TRAILER);
      }
    }
    List<PatchMatch> matches = new ArrayList<>();
    found.forEach((id, reason) -> matches.add(new PatchMatch(id, commit.id(), reason)));
    return matches;
  }
}
