package org.patchpipe.commits;

/**
 * One non-merge commit as the matcher sees it. Immutable.
 *
 * @param id the full commit id (40 hex digits), what a matched patch's {@code commit_ref} becomes
 * @param message the full commit message
 * @param diff the commit's diff against its parent as {@code git format-patch} prints it, from the
 *     first {@code diff --git} line; empty for a commit that changes nothing
 */
public record GitCommit(String id, String message, String diff) {}
