/**
 * Commits and versions: finds the patches a git commit carries and marks them accepted, and links
 * each new revision of a series to the one before. Reads git with JGit; reads and writes the store
 * only through the store's repositories ({@code org.patchpipe.store.db}), which own its tables.
 *
 * <p>Entry points: {@link org.patchpipe.commits.MatchCommits} (a branch's new commits to patch
 * states) and {@link org.patchpipe.commits.LinkRevisions} (series revisions, relations, superseded
 * patches), each one transaction under a per-project lock. The pure parts, usable without a
 * database: {@link org.patchpipe.commits.CommitMatcher} with {@link org.patchpipe.commits.StablePatchId}
 * and {@link org.patchpipe.commits.CommitTrailers}, and {@link org.patchpipe.commits.RevisionLinker}
 * over {@link org.patchpipe.commits.SeriesRevision}s. Imported by {@code cli} only.
 */
package org.patchpipe.commits;
