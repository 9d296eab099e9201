/**
 * Commits and versions: finds the patches a git commit carries and marks them accepted, and links
 * each new revision of a series to the one before. Reads git with JGit; writes through the store.
 */
package org.patchpipe.commits;
